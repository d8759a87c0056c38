namespace CityMatrix.Silo.Sla;

/// <summary>The "Sla" section: thresholds, the escalation step, the clocks' scheduler and the working calendar.</summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>Share of a clock's time after which the case is orange.</summary>
    public double WarningShare { get; set; } = 0.8;

    /// <summary>After a breach, each further step of this much overdue time escalates one level (counted in working time where the clock is).</summary>
    public TimeSpan OverdueStep { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often every open case's trigger is checked against the cases table (also once at start-up).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Reconcile triggers from the cases table at start-up and every <see cref="ReconcileInterval"/>.</summary>
    public bool Reconcile { get; set; } = true;

    /// <summary>
    /// Only a wake-up due within this much time gets its trigger when a case changes; a later one gets it from the
    /// reconciler once it comes within reach (so this must exceed <see cref="ReconcileInterval"/>; with
    /// <see cref="Reconcile"/> off every wake-up gets its trigger at once). A new case's first
    /// wake-up is hours away, so ingesting posts writes no triggers: at thousands of cases a second, one trigger each
    /// kept the job store holding SQLite's write lock against every case write (docs/PERFORMANCE.md, "Chunks").
    /// </summary>
    public TimeSpan TriggerHorizon { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A wake-up whose steps could not be applied (a failing database) is retried after this long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public WorkingCalendarOptions Calendar { get; set; } = new();
}
