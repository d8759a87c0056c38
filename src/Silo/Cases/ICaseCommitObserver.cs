namespace CityMatrix.Silo.Cases;

/// <summary>
/// Told about a case write after it has committed: SLA clocks, live dashboards, surge counting.
/// Runs on the writing grain's turn, so it must be quick and must not call back into that case grain
/// (that would be a re-entrant call). The write is already durable: an observer that throws is logged
/// and does not fail the write, so anything that must never be missed also reconciles from the tables.
/// </summary>
public interface ICaseCommitObserver
{
    void OnCommitted(CaseCommit commit);
}
