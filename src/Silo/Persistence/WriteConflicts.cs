using Npgsql;

namespace CityMatrix.Silo.Persistence;

public static class WriteConflicts
{
    /// <summary>
    /// PostgreSQL aborted the transaction because it conflicted with a concurrent one (deadlock, serialization
    /// failure): nothing of it is stored, and the same work run again, alone or in smaller parts, can succeed. EF wraps
    /// the server's error once or twice (DbUpdateException, the execution strategy's InvalidOperationException).
    /// </summary>
    public static bool IsConcurrentWriteAbort(Exception error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }) return true;
        }
        return false;
    }
}
