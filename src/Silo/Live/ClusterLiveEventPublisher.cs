namespace CityMatrix.Silo.Live;

/// <summary>
/// The <see cref="ILiveEventPublisher"/> others publish into (SLA, surges, tiles): delivers to this process's
/// dashboards at once and announces the event to the other processes on the database. Case events do not
/// come this way: every process reads them from the numbered timeline (<see cref="LiveCaseRelay"/>).
/// </summary>
public sealed class ClusterLiveEventPublisher(LocalLiveEventPublisher local, ILiveFanOut fanOut) : ILiveEventPublisher
{
    public void Publish(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        // Numbers belong to the case-event log; an event published here is never replayable.
        if (liveEvent.Seq is not null) liveEvent = liveEvent with { Seq = null };
        local.Publish(liveEvent);
        fanOut.Announce(liveEvent);
    }
}
