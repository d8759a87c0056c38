using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Demo;

/// <summary>
/// The demo stream (Demo:Stream=true): the bundled Yinchuan sample posts go in one by one at a steady
/// rate, round after round with fresh post ids, through the same ingestion as live posts; every few
/// posts a unit answers and closes its oldest forwarded case, so inboxes, the feed and webhooks all move.
/// </summary>
public sealed class DemoStream(
    PostReplayer replayer,
    IGrainFactory grains,
    IDbContextFactory<CityMatrixDbContext> contexts,
    AccountDirectory accounts,
    SiloReadiness readiness,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoStream> logger) : BackgroundService
{
    public const string SampleResource = "CityMatrix.Demo.sample-posts.ndjson";
    public const string DemoUser = "demo";

    private IReadOnlyList<IncomingPost>? _posts;
    private string _roundPrefix = "";
    private long _sent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Stream) return;
        await readiness.WhenReady.WaitAsync(stoppingToken);
        var interval = TimeSpan.FromMinutes(1 / Math.Max(0.1, options.Value.PostsPerMinute));
        logger.LogInformation("Demo stream on: {Count} sample posts, one every {Interval:0.#} s", Posts.Count, interval.TotalSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SendNextAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Demo stream: a sample post failed; going on with the next");
                }
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public IReadOnlyList<IncomingPost> Posts => _posts ??= Load();

    /// <summary>Sends the next sample post (a new round after the last one) and, when due, answers a case. Returns the post's receipt.</summary>
    public async Task<PostReceipt> SendNextAsync(CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _sent) - 1;
        if (_roundPrefix.Length == 0) _roundPrefix = time.GetUtcNow().ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var round = $"{_roundPrefix}r{n / Posts.Count}";
        var receipt = await replayer.IngestOneAsync(Posts[(int)(n % Posts.Count)], round, cancellationToken);
        if (options.Value.AnswerEvery > 0 && (n + 1) % options.Value.AnswerEvery == 0) await AnswerOldestAsync(cancellationToken);
        return receipt;
    }

    /// <summary>The unit holding the oldest forwarded case signs for it, replies publicly and closes it.</summary>
    public async Task<CaseState?> AnswerOldestAsync(CancellationToken cancellationToken = default)
    {
        var manager = accounts.Manager?.Id;
        string? caseId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            caseId = await db.Cases.AsNoTracking()
                .Where(c => c.Status == CaseStatus.Forwarded && c.AccountId != manager)
                .OrderBy(c => c.ForwardedAt).ThenBy(c => c.Id)
                .Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (caseId is null) return null;
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        var state = await grain.GetAsync();
        if (state is not { Status: CaseStatus.Forwarded }) return null;
        var unit = new CaseActor(state.AccountId, DemoUser);
        try
        {
            await grain.ExecuteAsync(new AcceptCase(unit));
            await grain.ExecuteAsync(new StartHandling(unit));
            await grain.ExecuteAsync(new ReplyCase(unit, DemoReplies.For(state.Topic, accounts.Find(state.AccountId)?.DisplayName)));
            return await grain.ExecuteAsync(new CloseCase(unit, "演示：已办结"));
        }
        catch (CaseRuleException e)
        {
            // Someone (a person at the dashboard) acted on it at the same moment: leave it to them.
            logger.LogDebug(e, "Demo stream left case {Case} alone", caseId);
            return null;
        }
    }

    private IReadOnlyList<IncomingPost> Load()
    {
        if (options.Value.File is { Length: > 0 } file)
        {
            using var reader = File.OpenText(file);
            return PostReplayer.Parse(reader);
        }
        using var stream = typeof(DemoStream).Assembly.GetManifestResourceStream(SampleResource)
            ?? throw new InvalidOperationException($"{SampleResource} is not embedded.");
        using var sample = new StreamReader(stream);
        var posts = PostReplayer.Parse(sample);
        return posts.Count > 0 ? posts : throw new InvalidOperationException("The demo sample is empty.");
    }
}
