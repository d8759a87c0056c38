namespace CityMatrix.Silo.Cases;

/// <summary>
/// A committed case write: a detached copy of the new state and the timeline entries it added, and whether those were
/// numbered for live delivery in the write itself (SQLite chunk writes) or are left to the sequencer.
/// </summary>
public sealed record CaseCommit(CaseState State, IReadOnlyList<CaseEvent> NewEvents, bool LiveNumbered = false)
{
    public bool Opened => NewEvents.Any(e => e.Action == CaseAction.Open);
}
