using CityMatrix.Silo.Persistence;

namespace CityMatrix.Silo.Alerts.FanOut;

/// <summary>Tells the other server processes on the same database about a signal.</summary>
public interface IAlertFanOut
{
    /// <summary>
    /// Called inside the transaction that stores what the signal is about, so the others hear of it
    /// exactly when (and only if) it commits.
    /// </summary>
    Task AnnounceAsync(CityMatrixDbContext db, AlertSignal signal, CancellationToken cancellationToken);
}

/// <summary>SQLite: one process per database file, so there is nobody else to tell.</summary>
public sealed class InProcessFanOut : IAlertFanOut
{
    public Task AnnounceAsync(CityMatrixDbContext db, AlertSignal signal, CancellationToken cancellationToken) => Task.CompletedTask;
}
