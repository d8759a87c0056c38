using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo.Cases;
using Microsoft.AspNetCore.SignalR;

namespace CityMatrix.Api.Workbench;

/// <summary>
/// /hubs/cases, for officers and supervisors. Client → server: Watch(caseId) (returns the viewers),
/// Leave(caseId), Activity(caseId, activity). Server → client: "presence" {caseId, viewers} and
/// "caseChanged" {caseId, state, version, accountId, events}. Watching needs the right to read the case.
/// </summary>
public sealed class CasePresenceHub(CasePresence presence, CaseService cases, CaseAccess access) : Hub
{
    public const string Path = "/hubs/cases";

    public async Task<IReadOnlyList<CaseViewer>> Watch(string caseId)
    {
        var user = Context.User ?? throw new HubException("Sign in first.");
        var found = await cases.GetAsync(caseId ?? "") ?? throw new HubException($"No case {caseId}.");
        if (!access.CanRead(user, found)) throw new HubException("This case is outside your accounts.");
        return await presence.WatchAsync(Context.ConnectionId, found.Id, user.UserId(), user.Identity?.Name ?? user.UserId(), user.AccountIds());
    }

    public Task Leave(string caseId) => presence.LeaveAsync(Context.ConnectionId, caseId ?? "");

    public async Task Activity(string caseId, string activity)
    {
        if (!CasePresence.Activities.Contains(activity ?? ""))
            throw new HubException($"activity is one of {string.Join(", ", CasePresence.Activities)}.");
        if (!await presence.SetActivityAsync(Context.ConnectionId, caseId ?? "", activity!))
            throw new HubException("Watch the case first.");
    }

    public override Task OnDisconnectedAsync(Exception? exception) => presence.DisconnectedAsync(Context.ConnectionId);
}
