namespace CityMatrix.Silo.Sla;

/// <summary>A case's SLA picture at one instant: the worst of its clocks, its 督办 level and each running clock.</summary>
public sealed record SlaStatus(SlaState State, int Level, IReadOnlyList<SlaClockView> Clocks);
