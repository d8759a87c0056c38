namespace CityMatrix.Silo.Sla;

/// <summary>
/// How far an SLA clock has gone, stored per clock on the case so that no step is applied twice: each step
/// raises the stage, and a step is accepted only while the stage is below it.
/// </summary>
public static class SlaStage
{
    public const int None = 0;

    /// <summary>80% of the time used: the orange warning.</summary>
    public const int Warned = 1;

    /// <summary>The due time passed: the first 督办. Every further <see cref="SlaOptions.OverdueStep"/> overdue is one stage more.</summary>
    public const int Breached = 2;

    /// <summary>No clock escalates past the third breach step (level 3 is the highest).</summary>
    public const int Last = Breached + 2;
}
