namespace CityMatrix.Silo.Live;

/// <summary>
/// One account a numbered timeline entry concerns (<see cref="LiveCaseEvents.AccountsUpTo"/>), written by the
/// sequencer with the number. Lets a narrow scope (an officer's account) find its events through an index
/// instead of scanning the city's log.
/// </summary>
public sealed class LiveEventAccount
{
    public string AccountId { get; set; } = "";
    public long LiveSeq { get; set; }
}
