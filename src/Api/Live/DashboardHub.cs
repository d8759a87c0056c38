using CityMatrix.Silo.Live;
using Microsoft.AspNetCore.SignalR;

namespace CityMatrix.Api.Live;

/// <summary>
/// /hubs/dashboard, for signed-in administrators, supervisors and officers (bearer token; browsers pass it as
/// ?access_token= on WebSockets and SSE). Server → client: "event" (a <see cref="LiveEvent"/>). Client → server:
/// GetSnapshot() → <see cref="LiveSnapshot"/> for the caller's scope; Subscribe(lastSeenSeq | null) →
/// <see cref="SubscribeResult"/>, after which events flow (missed case events first). Nothing is pushed before
/// Subscribe. Pushing is done by <see cref="DashboardPushService"/>, never from here.
/// </summary>
public sealed class DashboardHub(DashboardConnections connections, DashboardScopes scopes, DashboardPushService push, LiveSnapshots snapshots) : Hub
{
    public const string Path = "/hubs/dashboard";

    public override Task OnConnectedAsync()
    {
        // The hub's policy admits only users with a key; a missing one means the policy changed without this.
        if (DashboardScopes.KeyFor(Context.User!) is not { } key) throw new HubException("Dashboards are for administrators, supervisors and officers.");
        connections.Add(new DashboardConnection(Context.ConnectionId, key));
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Counts for the caller's scope, the latest case events in it (newest first) and the number they run up to.</summary>
    public Task<LiveSnapshot> GetSnapshot() =>
        snapshots.TakeAsync(scopes.Get(Self().ScopeKey), LiveSnapshots.DefaultRecent, Context.ConnectionAborted);

    /// <summary>Starts the flow of events; with the number of the last case event the client has, first replays what it missed.</summary>
    public Task<SubscribeResult> Subscribe(long? lastSeenSeq)
    {
        if (lastSeenSeq < 0) throw new HubException("lastSeenSeq must be 0 or more.");
        return push.SubscribeAsync(Self().Id, lastSeenSeq, Context.ConnectionAborted);
    }

    private DashboardConnection Self() => connections.Find(Context.ConnectionId) ?? throw new HubException("This connection is closing.");
}
