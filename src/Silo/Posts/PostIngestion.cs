using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Routing;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// Post in, case out. The post is stored (durable) before anything else, then turned into a case step by
/// step; every step is idempotent (the case number is derived from the post, a follow-up post is attached
/// once, a forward happens only from 受理), so a retried post, or one left half-done by a crash and picked
/// up by <see cref="PendingPostSweeper"/>, ends in exactly the same place and never opens a second case.
/// </summary>
public sealed class PostIngestion(
    PostStore posts,
    IPostAnalyzer analyzer,
    CaseQueries caseQueries,
    IGrainFactory grains,
    CaseDispatcher dispatcher,
    AccountDirectory accounts,
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
        var stored = await posts.FindAsync(key, cancellationToken);
        if (stored is { Outcome: not PostOutcome.Pending }) return await ReceiptAsync(stored);
        stored ??= await posts.InsertOrGetAsync(ToRecord(post, key, now), cancellationToken);
        return await ProcessAsync(stored, cancellationToken);
    }

    /// <summary>Takes a stored post the rest of the way; safe to run again on the same post.</summary>
    public async Task<PostReceipt> ProcessAsync(PostRecord post, CancellationToken cancellationToken = default)
    {
        if (post.Outcome != PostOutcome.Pending) return await ReceiptAsync(post);
        if (!post.IsComplaint) return await CompleteAsync(post, PostOutcome.NotComplaint, null, cancellationToken);

        var joined = await CaseToJoinAsync(post, cancellationToken);
        if (joined is not null)
        {
            await grains.GetGrain<ICaseGrain>(joined).ExecuteAsync(new AttachPost(System, post.Key));
            return await CompleteAsync(post, PostOutcome.JoinedCase, joined, cancellationToken);
        }

        var caseId = CaseIds.ForPost(post.Key, post.ReceivedAt);
        var @case = grains.GetGrain<ICaseGrain>(caseId);
        var state = await @case.GetAsync() ?? await OpenAsync(@case, post, cancellationToken);
        if (state.Status == CaseStatus.Received && state.AccountId == accounts.Manager?.Id) await dispatcher.DispatchAsync(@case, state);
        return await CompleteAsync(post, PostOutcome.CaseOpened, caseId, cancellationToken);
    }

    private CaseActor System => CaseActor.System(accounts.Manager?.Id);

    private async Task<CaseState> OpenAsync(ICaseGrain @case, PostRecord post, CancellationToken cancellationToken)
    {
        var root = post.Topic is null || post.RegionCode is null
            ? null
            : await caseQueries.IncidentRootAsync(CitizenOf(post), post.Topic, post.RegionCode, time.GetUtcNow() - DuplicateWindow, cancellationToken);
        var incident = root is null ? null : root.IncidentId ?? root.Id;
        var manager = accounts.Manager ?? throw new InvalidOperationException("The matrix has no active manager account.");
        CaseState opened;
        try
        {
            opened = await @case.ExecuteAsync(new OpenCase(System, manager.Id, CitizenOf(post), post.Text, post.Category, post.Topic,
                post.RegionCode, post.Urgency, post.Key, incident));
        }
        catch (CaseRuleException e) when (e.Error == DomainError.Conflict)
        {
            // The same post, processed at the same moment elsewhere, opened it first.
            return await @case.GetAsync() ?? throw new InvalidOperationException($"Case of post {post.Key} vanished.", e);
        }
        if (root is { IncidentId: null })
        {
            try
            {
                await grains.GetGrain<ICaseGrain>(root.Id).ExecuteAsync(new LinkIncident(System, root.Id));
            }
            catch (CaseRuleException e) when (e.Error == DomainError.Conflict)
            {
                // Another post linked it first.
            }
        }
        return opened;
    }

    private async Task<string?> CaseToJoinAsync(PostRecord post, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - DuplicateWindow;
        if (post.ReplyToPostId is not null)
        {
            var repliedTo = await posts.FindAsync(PostRecord.KeyOf(post.Platform, post.ReplyToPostId), cancellationToken);
            if (repliedTo?.CaseId is { } repliedCase && repliedTo.CitizenId == post.CitizenId
                && await grains.GetGrain<ICaseGrain>(repliedCase).GetAsync() is { IsOpen: true } open)
                return open.MergedIntoId ?? open.Id;
        }
        var same = await caseQueries.OpenCaseOfCitizenAsync(CitizenOf(post), post.Category, post.Topic, since, cancellationToken);
        return same?.Id;
    }

    private async Task<PostReceipt> CompleteAsync(PostRecord post, PostOutcome outcome, string? caseId, CancellationToken cancellationToken)
    {
        await posts.CompleteAsync(post.Key, outcome, caseId, time.GetUtcNow(), cancellationToken);
        post.Outcome = outcome;
        post.CaseId = caseId;
        return await ReceiptAsync(post);
    }

    private async Task<PostReceipt> ReceiptAsync(PostRecord post)
    {
        var holder = post.CaseId is null ? null : (await grains.GetGrain<ICaseGrain>(post.CaseId).GetAsync())?.AccountId;
        return PostReceipt.Of(post, holder);
    }

    /// <summary>Posts made on CityMatrix itself are by signed-in users, known by their user id.</summary>
    public static string CitizenOf(PostRecord post) => post.Platform == OwnPlatform ? post.AuthorId : post.CitizenId;

    private PostRecord ToRecord(IncomingPost post, string key, DateTimeOffset now)
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
            RegionCode = analysis.RegionCode,
            PlaceCodes = [.. analysis.PlaceCodes],
            Keywords = [.. analysis.Keywords],
            Tokens = analysis.Tokens,
            Urgency = analysis.Urgency,
            Outcome = PostOutcome.Pending,
        };
    }
}
