using CityMatrix.Silo.Cases;

namespace CityMatrix.Api.Workbench;

/// <summary>Hands every committed case write to <see cref="CasePresence"/>, so viewers learn of changes made by anyone.</summary>
public sealed class PresenceCommitObserver(CasePresence presence) : ICaseCommitObserver
{
    public void OnCommitted(CaseCommit commit) => presence.CaseCommitted(commit);
}
