namespace CityMatrix.Silo.Sla;

/// <summary>Where a case stands against its clocks: 80% of the time used is a warning (orange), 100% a breach (red).</summary>
public enum SlaState
{
    /// <summary>No clock runs (triage, returned, closed).</summary>
    None,
    Ok,
    Warning,
    Breached,
}
