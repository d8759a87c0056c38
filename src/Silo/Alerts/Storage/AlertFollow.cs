namespace CityMatrix.Silo.Alerts.Storage;

/// <summary>A citizen follows an account: its alerts appear in the citizen's feed wherever they are.</summary>
public sealed class AlertFollow
{
    public string UserId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
