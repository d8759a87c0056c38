using CityMatrix.Silo.Cases;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Sla;

/// <summary>
/// The SLA arithmetic of a case, pure: when each clock warns, breaches and escalates, which of those
/// steps have passed at an instant and are not yet applied, and when the case next needs waking.
/// Thresholds of a clock that counts working time are counted in working time.
/// </summary>
public sealed class SlaClocks(WorkingCalendar calendar, IOptions<SlaOptions> options)
{
    public const int MaxLevel = 3;

    private readonly SlaOptions _options = options.Value;

    /// <summary>Weekends only, default thresholds: for callers without the configured calendar.</summary>
    public static SlaClocks Default { get; } = new(WorkingCalendar.WeekendsOnly, Options.Create(new SlaOptions()));

    public IReadOnlyList<SlaClockView> Running(CaseState state, DateTimeOffset now)
    {
        var running = new List<SlaClockView>(2);
        foreach (var clock in CaseClocks.All)
        {
            if (CaseClocks.RunningDue(state, clock) is not { } due) continue;
            var start = state.ForwardedAt!.Value;
            var warnAt = WarnAt(state, start, due);
            var light = now >= due ? SlaState.Breached : now >= warnAt ? SlaState.Warning : SlaState.Ok;
            running.Add(new SlaClockView(clock, start, warnAt, due, CaseClocks.StageOf(state, clock), state.SlaWorkingTime, light));
        }
        return running;
    }

    public SlaStatus StatusAt(CaseState state, DateTimeOffset now)
    {
        var running = Running(state, now);
        var worst = running.Count == 0 ? SlaState.None : running.Max(c => c.State);
        return new SlaStatus(worst, state.SupervisionLevel, running);
    }

    /// <summary>
    /// The steps that have passed by <paramref name="now"/> and are not applied, oldest first. A warning is
    /// moot once its clock is overdue; breach steps stop at level <see cref="MaxLevel"/>, each one raising the
    /// level by one from where the case stands.
    /// </summary>
    public IReadOnlyList<SlaStep> DueSteps(CaseState state, DateTimeOffset now)
    {
        var candidates = new List<SlaStep>();
        foreach (var clock in Running(state, now))
        {
            if (now >= clock.Due)
            {
                for (var stage = Math.Max(clock.Stage + 1, SlaStage.Breached); stage <= SlaStage.Last; stage++)
                {
                    var at = ThresholdAt(state, clock, stage);
                    if (at > now) break;
                    candidates.Add(new SlaStep(clock.Clock, stage, at, clock.Due));
                }
            }
            else if (clock.Stage < SlaStage.Warned && now >= clock.WarnAt)
            {
                candidates.Add(new SlaStep(clock.Clock, SlaStage.Warned, clock.WarnAt, clock.Due));
            }
        }
        var level = state.SupervisionLevel;
        var steps = new List<SlaStep>(candidates.Count);
        foreach (var step in candidates.OrderBy(s => s.At).ThenBy(s => s.Clock))
        {
            if (step.IsBreach)
            {
                if (level >= MaxLevel) continue;
                level++;
            }
            steps.Add(step);
        }
        return steps;
    }

    /// <summary>
    /// When the case must next be judged: <paramref name="now"/> when a step is due already, else the
    /// earliest future threshold that can still produce a step; null when no clock can.
    /// </summary>
    public DateTimeOffset? NextWakeUp(CaseState state, DateTimeOffset now)
    {
        if (DueSteps(state, now).Count > 0) return now;
        DateTimeOffset? next = null;
        foreach (var clock in Running(state, now))
        {
            if (clock.Stage < SlaStage.Warned && clock.WarnAt > now && clock.WarnAt < clock.Due) next = Earliest(next, clock.WarnAt);
            if (state.SupervisionLevel >= MaxLevel) continue;
            for (var stage = Math.Max(clock.Stage + 1, SlaStage.Breached); stage <= SlaStage.Last; stage++)
            {
                var at = ThresholdAt(state, clock, stage);
                if (at <= now) continue;
                next = Earliest(next, at);
                break;
            }
        }
        return next;
    }

    /// <summary>The level a breach step brings the case to.</summary>
    public static int LevelAfterBreach(CaseState state) => Math.Min(MaxLevel, state.SupervisionLevel + 1);

    private DateTimeOffset WarnAt(CaseState state, DateTimeOffset start, DateTimeOffset due)
    {
        if (due <= start) return due;
        return state.SlaWorkingTime
            ? calendar.Add(start, calendar.Between(start, due) * _options.WarningShare)
            : start + (due - start) * _options.WarningShare;
    }

    private DateTimeOffset ThresholdAt(CaseState state, SlaClockView clock, int stage) => stage switch
    {
        SlaStage.Warned => clock.WarnAt,
        SlaStage.Breached => clock.Due,
        _ when state.SlaWorkingTime => calendar.Add(clock.Due, _options.OverdueStep * (stage - SlaStage.Breached)),
        _ => clock.Due + _options.OverdueStep * (stage - SlaStage.Breached),
    };

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x <= b ? x : b;
}
