namespace CityMatrix.Silo.Sla;

/// <summary>A threshold of one clock that has passed and is not yet applied: the stage it brings the clock to, and when it fell due.</summary>
public sealed record SlaStep(SlaClock Clock, int Stage, DateTimeOffset At, DateTimeOffset Due)
{
    public bool IsBreach => Stage >= SlaStage.Breached;
}
