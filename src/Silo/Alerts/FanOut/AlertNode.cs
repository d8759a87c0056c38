namespace CityMatrix.Silo.Alerts.FanOut;

/// <summary>This server process's name among the nodes sharing a database.</summary>
public sealed class AlertNode
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
