namespace CityMatrix.Silo.Cases;

/// <summary>A committed case write: a detached copy of the new state and the timeline entries it added.</summary>
public sealed record CaseCommit(CaseState State, IReadOnlyList<CaseEvent> NewEvents)
{
    public bool Opened => NewEvents.Any(e => e.Action == CaseAction.Open);
}
