using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Sla;

/// <summary>When each clock of a case runs and where its stage is kept: the one rule the lifecycle and the planner share.</summary>
public static class CaseClocks
{
    public static readonly SlaClock[] All = [SlaClock.FirstResponse, SlaClock.Resolution];

    /// <summary>
    /// The due time of the clock while it runs, else null. The first-response clock runs until the holder
    /// signs for the case (签收) or returns it; the resolution clock until the case is closed (办结). A
    /// returned, reopened or reassigned case has no deadline until it is forwarded again.
    /// </summary>
    public static DateTimeOffset? RunningDue(CaseState state, SlaClock clock)
    {
        if (state.ForwardedAt is null) return null;
        return clock switch
        {
            SlaClock.FirstResponse => state.Status == CaseStatus.Forwarded ? state.FirstResponseDue : null,
            _ => state.Status is CaseStatus.Forwarded or CaseStatus.Accepted or CaseStatus.InProgress or CaseStatus.Replied ? state.Deadline : null,
        };
    }

    public static int StageOf(CaseState state, SlaClock clock) =>
        clock == SlaClock.FirstResponse ? state.FirstResponseSlaStage : state.ResolutionSlaStage;

    public static void SetStage(CaseState state, SlaClock clock, int stage)
    {
        if (clock == SlaClock.FirstResponse) state.FirstResponseSlaStage = stage;
        else state.ResolutionSlaStage = stage;
    }

    /// <summary>The clock's name on the timeline and in notices.</summary>
    public static string Name(SlaClock clock) => clock == SlaClock.FirstResponse ? "首次响应" : "办理";
}
