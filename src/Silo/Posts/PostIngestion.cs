using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Routing;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// Post in, case out, in one durable write. The post is analysed, its fate decided (no case; joins a
/// citizen's open case; opens a case, routed and forwarded with the SLA's deadlines), and then the post and
/// the case change are stored together in the case's transaction — so an acknowledged post always has its
/// case, and a crash before the write leaves nothing, for the sender to retry. The same post delivered again
/// (or twice at once) finds the stored one by its key; the case number is derived from the post, so even a
/// race ends in one case.
/// </summary>
public sealed class PostIngestion(
    PostStore posts,
    IPostAnalyzer analyzer,
    CaseQueries caseQueries,
    IGrainFactory grains,
    CaseDispatcher dispatcher,
    AccountDirectory accounts,
    Geo.RegionGeometry geometry,
    TimeProvider time)
{
    /// <summary>A citizen's repeat or reply within this window joins the open case instead of opening another.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(72);

    /// <summary>Posts from the citizen page carry the signed-in user as author; their citizen id is the user id.</summary>
    public const string OwnPlatform = "citymatrix";

    public async Task<PostReceipt> IngestAsync(IncomingPost post, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var faults = PostValidator.Validate(post, now);
        if (faults.Count > 0) throw new PostRejectedException(faults);

        var key = PostRecord.KeyOf(post.Platform!, post.PostId!);
        if (await posts.FindAsync(key, cancellationToken) is { } stored) return await ReceiptAsync(stored);
        return await StoreOrFindAsync(ToRecord(post, key, now), cancellationToken);
    }

    /// <summary>Stores an analysed post that was not stored when looked for; if another delivery stores it first, answers with that one.</summary>
    internal async Task<PostReceipt> StoreOrFindAsync(PostRecord post, CancellationToken cancellationToken)
    {
        try
        {
            return await StoreAsync(post, cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InconsistentStateException or CaseRuleException { Error: DomainError.Conflict })
        {
            // Delivered twice at once: the other delivery stored it first.
            if (await posts.FindAsync(post.Key, cancellationToken) is { } first) return await ReceiptAsync(first);
            throw new InvalidOperationException($"Post {post.Key} could not be stored and is not there.", e);
        }
    }

    internal CaseActor System => CaseActor.System(accounts.Manager?.Id);

    private async Task<PostReceipt> StoreAsync(PostRecord post, CancellationToken cancellationToken)
    {
        post.ProcessedAt = time.GetUtcNow();
        if (!post.IsComplaint)
        {
            post.Outcome = PostOutcome.NotComplaint;
            await posts.InsertAsync(post, cancellationToken);
            return PostReceipt.Of(post, null);
        }

        if (await CaseToJoinAsync(post, cancellationToken) is { } joined) return await JoinAsync(post, joined);

        post.Outcome = PostOutcome.CaseOpened;
        post.CaseId = CaseIds.ForPost(post.Key, post.ReceivedAt);
        var root = post.Topic is null || post.RegionCode is null
            ? null
            : await caseQueries.IncidentRootAsync(CitizenOf(post), post.Topic, post.RegionCode, time.GetUtcNow() - DuplicateWindow, cancellationToken);
        var opened = await grains.GetGrain<ICaseGrain>(post.CaseId).ExecuteAllAsync(OpeningCommands(post, root is null ? null : root.IncidentId ?? root.Id), post);
        if (root is { IncidentId: null }) await LinkIncidentRootAsync(root.Id);
        return PostReceipt.Of(post, opened.AccountId);
    }

    /// <summary>Adds the post to a stored open case (its grain stores the post with the timeline entry).</summary>
    internal async Task<PostReceipt> JoinAsync(PostRecord post, string caseId)
    {
        post.Outcome = PostOutcome.JoinedCase;
        post.CaseId = caseId;
        var state = await grains.GetGrain<ICaseGrain>(caseId).ExecuteAllAsync([new AttachPost(System, post.Key)], post);
        return PostReceipt.Of(post, state.AccountId);
    }

    /// <summary>受理 by the manager, and 转办 straight away when the router knows the unit (else it waits in triage).</summary>
    internal List<CaseCommand> OpeningCommands(PostRecord post, string? incident)
    {
        var manager = accounts.Manager ?? throw new InvalidOperationException("The matrix has no active manager account.");
        var commands = new List<CaseCommand>
        {
            new OpenCase(System, manager.Id, CitizenOf(post), post.Text, post.Category, post.Topic, post.RegionCode, post.Urgency, post.Key, incident),
        };
        if (dispatcher.ForwardFor(post.Category, post.Topic, post.RegionCode, post.Urgency, manager.Id) is { } forward) commands.Add(forward);
        return commands;
    }

    internal async Task LinkIncidentRootAsync(string rootId)
    {
        try
        {
            await grains.GetGrain<ICaseGrain>(rootId).ExecuteAsync(new LinkIncident(System, rootId));
        }
        catch (CaseRuleException e) when (e.Error == DomainError.Conflict)
        {
            // Another post linked it first.
        }
    }

    private async Task<string?> CaseToJoinAsync(PostRecord post, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - DuplicateWindow;
        if (post.ReplyToPostId is not null)
        {
            var repliedTo = await posts.FindAsync(PostRecord.KeyOf(post.Platform, post.ReplyToPostId), cancellationToken);
            if (repliedTo?.CaseId is { } repliedCase && repliedTo.CitizenId == post.CitizenId
                && await grains.GetGrain<ICaseGrain>(repliedCase).GetAsync() is { IsOpen: true } open)
                return open.Id;
        }
        var same = await caseQueries.OpenCaseOfCitizenAsync(CitizenOf(post), post.Category, post.Topic, since, cancellationToken);
        return same?.Id;
    }

    internal async Task<PostReceipt> ReceiptAsync(PostRecord post)
    {
        var holder = post.CaseId is null ? null : (await grains.GetGrain<ICaseGrain>(post.CaseId).GetAsync())?.AccountId;
        return PostReceipt.Of(post, holder);
    }

    private string? LocatedStreet(GeoPoint? location) =>
        location is { Lat: { } lat, Lon: { } lon } ? geometry.StreetAt(lat, lon) : null;

    /// <summary>Posts made on CityMatrix itself are by signed-in users, known by their user id.</summary>
    public static string CitizenOf(PostRecord post) => post.Platform == OwnPlatform ? post.AuthorId : post.CitizenId;

    /// <summary>The post with its analysis (NLP and place); thread-safe, so a batch analyses its posts in parallel.</summary>
    internal PostRecord ToRecord(IncomingPost post, string key, DateTimeOffset now)
    {
        var analysis = analyzer.Analyze(post.Text!, post.Location);
        return new PostRecord
        {
            Key = key,
            Platform = post.Platform!,
            PostId = post.PostId!,
            AuthorId = post.Author!.Id!,
            AuthorName = post.Author.Name,
            Text = post.Text!,
            CreatedAt = post.CreatedAt!.Value,
            ReceivedAt = now,
            Lat = post.Location?.Lat,
            Lon = post.Location?.Lon,
            Mentions = [.. post.Mentions ?? []],
            ReplyToPostId = post.ReplyToPostId,
            Sentiment = analysis.Sentiment,
            SentimentScore = analysis.SentimentScore,
            Anger = analysis.Anger,
            IsComplaint = analysis.IsComplaint,
            ComplaintScore = analysis.ComplaintScore,
            Category = analysis.Category,
            Topic = analysis.Topic,
            CategoryScore = analysis.CategoryScore,
            // The place named in the text first; else where the post was sent from (an approximate street cell).
            RegionCode = analysis.RegionCode ?? LocatedStreet(post.Location),
            PlaceCodes = [.. analysis.PlaceCodes],
            Keywords = [.. analysis.Keywords],
            Tokens = analysis.Tokens,
            Urgency = analysis.Urgency,
        };
    }
}
