namespace CityMatrix.Silo.Sla;

/// <summary>One running clock of a case: when it started, when it turns orange and red, how far its steps have gone.</summary>
public sealed record SlaClockView(
    SlaClock Clock, DateTimeOffset StartedAt, DateTimeOffset WarnAt, DateTimeOffset Due, int Stage, bool WorkingTime, SlaState State);
