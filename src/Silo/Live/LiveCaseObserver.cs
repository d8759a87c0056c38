using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Live;

/// <summary>
/// After a committed case write: wakes the sequencer, which numbers the new timeline entries and hands
/// them to the relay, or the relay itself when the write numbered them. Only a poke on the grain's turn; the
/// events themselves are read from the table.
/// </summary>
public sealed class LiveCaseObserver(LiveSequencer sequencer, LiveCaseRelay relay) : ICaseCommitObserver
{
    public void OnCommitted(CaseCommit commit)
    {
        if (commit.NewEvents.Count == 0) return;
        if (commit.LiveNumbered) relay.Poke();
        else sequencer.Poke();
    }
}
