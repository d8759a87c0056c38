using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Writes rows that must commit or roll back together with a case write: it runs inside the case's
/// transaction, after the case row (whose version check decides the race) and its timeline are saved.
/// Per-case bookkeeping lives on the <see cref="CaseState"/> the grain holds, never in the participant, so
/// one participant serves every case concurrently.
/// </summary>
public interface ICaseWriteParticipant
{
    /// <summary>The state was just read from the store (its stored version).</summary>
    void Loaded(CaseState state);

    /// <summary>
    /// The work to run in the write's transaction, or null when this write changes nothing of the
    /// participant's (then no transaction of its own is needed). Called once per write attempt, on the
    /// grain's turn, before the write is queued.
    /// </summary>
    Func<CityMatrixDbContext, CancellationToken, Task>? Prepare(CaseState state);

    /// <summary>The write committed: the state is now the stored version.</summary>
    void Written(CaseState state);
}
