namespace CityMatrix.Silo.Live;

/// <summary>
/// An event too large for a PostgreSQL NOTIFY payload (8000 bytes): stored here for a few minutes, and
/// the notification carries its id. Rows are pruned by the process that writes the next one.
/// </summary>
public sealed class LiveMessage
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Body { get; set; } = "";
}
