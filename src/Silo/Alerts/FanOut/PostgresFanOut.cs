using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Alerts.FanOut;

/// <summary>PostgreSQL NOTIFY on channel cm_alerts, sent within the storing transaction (delivered on commit).</summary>
public sealed class PostgresFanOut : IAlertFanOut
{
    public const string Channel = "cm_alerts";

    public async Task AnnounceAsync(CityMatrixDbContext db, AlertSignal signal, CancellationToken cancellationToken)
    {
        var payload = signal.ToPayload();
        // NOTIFY payloads are limited to 8000 bytes; identifiers are at most 256 characters.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
    }
}
