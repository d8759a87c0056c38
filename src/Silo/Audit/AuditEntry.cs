namespace CityMatrix.Silo.Audit;

/// <summary>One mutation: who, when, what (method, path, outcome), from where.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserId { get; set; } = "";
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public int Status { get; set; }
    public string? RemoteIp { get; set; }
    public string? UserAgent { get; set; }
}
