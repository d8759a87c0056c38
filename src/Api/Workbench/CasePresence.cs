using CityMatrix.Silo.Cases;
using Microsoft.AspNetCore.SignalR;

namespace CityMatrix.Api.Workbench;

/// <summary>
/// Who has which case open in the workbench, per hub connection, and the pushes that tell the others:
/// "presence" (the case's viewers, whenever they change) and "caseChanged" (a committed change of the
/// case, by anyone and any path: workbench, API, system). In memory on this server: with several
/// servers each knows only its own connections (a notice, not a lock: the case grain's version check
/// is what keeps concurrent actions safe). One lock guards both maps; pushes happen outside it.
/// </summary>
public sealed class CasePresence(IHubContext<CasePresenceHub> hub, TimeProvider time, ILogger<CasePresence> logger)
{
    /// <summary>What a viewer may say he is doing; anything else is refused.</summary>
    public static readonly IReadOnlySet<string> Activities = new HashSet<string>(StringComparer.Ordinal)
    {
        "viewing", "accepting", "replying", "forwarding", "returning", "extending", "closing",
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, CaseViewer>> _byCase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    public static string GroupOf(string caseId) => "case:" + caseId;

    /// <summary>The connection has the case open: joins its group, and everyone there learns the new list.</summary>
    public async Task<IReadOnlyList<CaseViewer>> WatchAsync(string connectionId, string caseId, string userId, string name, IReadOnlyList<string> accountIds)
    {
        await hub.Groups.AddToGroupAsync(connectionId, GroupOf(caseId));
        lock (_lock)
        {
            if (!_byCase.TryGetValue(caseId, out var viewers)) _byCase[caseId] = viewers = new(StringComparer.Ordinal);
            viewers[connectionId] = new CaseViewer(userId, name, accountIds, "viewing", time.GetUtcNow());
            if (!_byConnection.TryGetValue(connectionId, out var cases)) _byConnection[connectionId] = cases = new(StringComparer.Ordinal);
            cases.Add(caseId);
        }
        return await PublishAsync(caseId);
    }

    public async Task LeaveAsync(string connectionId, string caseId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(caseId));
        if (Remove(connectionId, caseId)) await PublishAsync(caseId);
    }

    /// <summary>The viewer started doing something (typing a reply, …); false when he is not watching the case.</summary>
    public async Task<bool> SetActivityAsync(string connectionId, string caseId, string activity)
    {
        lock (_lock)
        {
            if (!_byCase.TryGetValue(caseId, out var viewers) || !viewers.TryGetValue(connectionId, out var viewer)) return false;
            if (viewer.Activity == activity) return true;
            viewers[connectionId] = viewer with { Activity = activity, Since = time.GetUtcNow() };
        }
        await PublishAsync(caseId);
        return true;
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        List<string> cases;
        lock (_lock)
        {
            if (!_byConnection.Remove(connectionId, out var watched)) return;
            cases = [.. watched];
        }
        foreach (var caseId in cases)
        {
            if (Remove(connectionId, caseId)) await PublishAsync(caseId);
        }
    }

    /// <summary>The case's viewers, one line per person (his busiest connection wins: an action over mere viewing).</summary>
    public IReadOnlyList<CaseViewer> ViewersOf(string caseId)
    {
        lock (_lock)
        {
            if (!_byCase.TryGetValue(caseId, out var viewers)) return [];
            return viewers.Values
                .GroupBy(v => v.UserId, StringComparer.Ordinal)
                .Select(g => g.OrderBy(v => v.Activity == "viewing").ThenByDescending(v => v.Since).First())
                .OrderBy(v => v.Since)
                .ToList();
        }
    }

    /// <summary>
    /// Called after a case write committed (on the case grain's turn): tells the case's viewers, without
    /// waiting for the push. Quick when nobody watches the case.
    /// </summary>
    public void CaseCommitted(CaseCommit commit)
    {
        lock (_lock)
        {
            if (!_byCase.ContainsKey(commit.State.Id)) return;
        }
        var change = new
        {
            caseId = commit.State.Id,
            state = commit.State.Status.ToString(),
            version = commit.State.Version,
            accountId = commit.State.AccountId,
            // Hub payloads use SignalR's JSON settings, which write enums as numbers: names are sent explicitly.
            events = commit.NewEvents.Select(e => new { action = e.Action.ToString(), e.ActorUserId, e.ActorAccountId, e.TargetAccountId, e.At }),
        };
        _ = SendAsync(GroupOf(commit.State.Id), "caseChanged", change);
    }

    private bool Remove(string connectionId, string caseId)
    {
        lock (_lock)
        {
            if (_byConnection.TryGetValue(connectionId, out var cases)) cases.Remove(caseId);
            if (!_byCase.TryGetValue(caseId, out var viewers) || !viewers.Remove(connectionId)) return false;
            if (viewers.Count == 0) _byCase.Remove(caseId);
            return true;
        }
    }

    private async Task<IReadOnlyList<CaseViewer>> PublishAsync(string caseId)
    {
        var viewers = ViewersOf(caseId);
        await SendAsync(GroupOf(caseId), "presence", new { caseId, viewers });
        return viewers;
    }

    private async Task SendAsync(string group, string method, object payload)
    {
        try
        {
            await hub.Clients.Group(group).SendAsync(method, payload);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Pushing {Method} to {Group} failed", method, group);
        }
    }
}
