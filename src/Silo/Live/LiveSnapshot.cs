namespace CityMatrix.Silo.Live;

/// <summary>
/// The current state for a dashboard's scope. <see cref="Recent"/> (newest first) holds the scope's case
/// events numbered up to <see cref="Seq"/>; events after it arrive live (Subscribe(seq)). The counts are read
/// just after <see cref="Seq"/>, so they may already include a change whose event is about to arrive: treat
/// them as state to display, not as a base to add events to.
/// </summary>
public sealed record LiveSnapshot(
    long Seq,
    DateTimeOffset At,
    DateTimeOffset DayStart,
    int OpenCases,
    int OverdueNow,
    int IntakeToday,
    int ClosedToday,
    IReadOnlyList<LiveEvent> Recent);
