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

    /// <summary>
    /// The work for one write that stores several cases at once (the batch path of ingestion); by default each
    /// case's <see cref="Prepare"/> in turn. A participant that can merge them into one statement should.
    /// </summary>
    Func<CityMatrixDbContext, CancellationToken, Task>? PrepareAll(IReadOnlyList<CaseState> states)
    {
        var work = states.Select(Prepare).OfType<Func<CityMatrixDbContext, CancellationToken, Task>>().ToArray();
        return work.Length == 0 ? null : async (db, token) =>
        {
            foreach (var step in work) await step(db, token);
        };
    }

    /// <summary>The write committed: the state is now the stored version.</summary>
    void Written(CaseState state);
}
