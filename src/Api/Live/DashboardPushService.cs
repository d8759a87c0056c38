using System.Threading.Channels;
using CityMatrix.Api.Alerts;
using CityMatrix.Silo.Live;
using Microsoft.AspNetCore.SignalR;

namespace CityMatrix.Api.Live;

/// <summary>
/// Pushes live events to this process's dashboard connections through <see cref="IHubContext{THub}"/>.
/// One loop does everything, in order: live events from <see cref="LocalLiveEventPublisher"/> (case events in
/// number order from the relay, and everything else) and Subscribe requests (replaying missed case events from
/// the timeline). Because the same loop replays and then marks the connection live, a client gets the missed
/// events before the live ones, with no gap and no duplicate.
///
/// Per-connection filtering rather than SignalR groups: a supervisor of a district would sit in hundreds of
/// account groups (the manager in all 400+), every matrix change would have to re-join them, and an event
/// names several accounts, so groups would need de-duplication per send. Here each event is checked once per
/// distinct scope (shared <see cref="LiveScope"/> sets, a few hash lookups) and sent once to the matching
/// connections (one serialisation per event). Cost is O(connections) per event, fine for dashboards (hundreds
/// of connections); at tens of thousands, bucketing connections by scope key would be the next step.
///
/// Concurrency hazard: a client that stops reading fills its buffer and would stall this loop for everyone;
/// each send is therefore bounded by <see cref="SendTimeout"/>, after which SignalR aborts that connection (its
/// client reconnects and catches up with Subscribe).
/// </summary>
public sealed class DashboardPushService(
    IHubContext<DashboardHub> hub,
    LocalLiveEventPublisher local,
    LiveCaseRelay relay,
    LiveTimeline timeline,
    DashboardConnections connections,
    DashboardScopes scopes,
    ILogger<DashboardPushService> logger) : BackgroundService
{
    public const string EventMethod = "event";

    /// <summary>Missed events replayed per Subscribe call.</summary>
    public const int MaxReplay = 500;

    /// <summary>A client further behind than this many city-wide events is told to take a snapshot instead.</summary>
    public const long MaxReplayRange = 50_000;

    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    // Highest case-event number this loop has pushed (loop only).
    private long _pushedThrough;

    public Task<SubscribeResult> SubscribeAsync(string connectionId, long? lastSeenSeq, CancellationToken cancellationToken)
    {
        var request = new Subscription(connectionId, lastSeenSeq);
        if (!_work.Writer.TryWrite(request)) throw new HubException("The server is shutting down.");
        return request.Done.Task.WaitAsync(cancellationToken);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        local.Published += OnPublished;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        local.Published -= OnPublished;
        _work.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    // Runs on the publisher's thread (the relay's loop, an SLA job…): only a queue write.
    private void OnPublished(LiveEvent liveEvent) => _work.Writer.TryWrite(liveEvent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (work is LiveEvent liveEvent) await PushAsync(liveEvent, stoppingToken);
                    else if (work is Subscription subscription) await CatchUpAsync(subscription, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Dashboard push failed");
                    (work as Subscription)?.Done.TrySetException(new HubException("Subscribing failed; try again."));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        while (_work.Reader.TryRead(out var left)) (left as Subscription)?.Done.TrySetCanceled(stoppingToken);
    }

    private async Task PushAsync(LiveEvent liveEvent, CancellationToken stoppingToken)
    {
        if (liveEvent.Seq is { } seq) _pushedThrough = Math.Max(_pushedThrough, seq);
        var recipients = new List<string>();
        var visible = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var connection in connections.All)
        {
            if (connection.LiveFrom is null || liveEvent.Seq <= connection.Floor) continue;
            if (!visible.TryGetValue(connection.ScopeKey, out var sees))
                visible[connection.ScopeKey] = sees = scopes.Get(connection.ScopeKey).Sees(liveEvent);
            if (sees) recipients.Add(connection.Id);
        }
        if (recipients.Count == 0) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(SendTimeout);
        await hub.Clients.Clients(new ConnectionIdSet(recipients)).SendAsync(EventMethod, liveEvent, timeout.Token);
    }

    private async Task CatchUpAsync(Subscription request, CancellationToken stoppingToken)
    {
        var connection = connections.Find(request.ConnectionId);
        if (connection is null)
        {
            request.Done.TrySetResult(new SubscribeResult(_pushedThrough, 0, true, null));
            return;
        }
        // Live from the last event this loop pushed: everything after it will come through PushAsync.
        connection.LiveFrom ??= Math.Max(_pushedThrough, await relay.Started.WaitAsync(stoppingToken));
        var liveFrom = connection.LiveFrom.Value;
        if (request.LastSeenSeq is not { } lastSeen)
        {
            request.Done.TrySetResult(new SubscribeResult(liveFrom, 0, true, null));
            return;
        }
        // A client coming from a process that is ahead of this one must not get those events twice.
        connection.Floor = Math.Max(connection.Floor, lastSeen);
        if (lastSeen >= liveFrom)
        {
            request.Done.TrySetResult(new SubscribeResult(liveFrom, 0, true, null));
            return;
        }
        if (liveFrom - lastSeen > MaxReplayRange)
        {
            request.Done.TrySetResult(new SubscribeResult(liveFrom, 0, false, null));
            return;
        }
        var missed = await timeline.ReadAsync(lastSeen, liveFrom, scopes.Get(connection.ScopeKey), MaxReplay, cancellationToken: stoppingToken);
        var client = hub.Clients.Client(connection.Id);
        foreach (var liveEvent in missed)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(SendTimeout);
            await client.SendAsync(EventMethod, liveEvent, timeout.Token);
        }
        var complete = missed.Count < MaxReplay;
        request.Done.TrySetResult(new SubscribeResult(liveFrom, missed.Count, complete, complete ? null : missed[^1].Seq));
    }

    private sealed record Subscription(string ConnectionId, long? LastSeenSeq)
    {
        public TaskCompletionSource<SubscribeResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
