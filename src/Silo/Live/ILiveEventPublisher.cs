namespace CityMatrix.Silo.Live;

/// <summary>
/// Publishes a live event to every dashboard client of every server process. Fire-and-forget for the
/// caller: live events are a view of durable data, never the only copy of it.
/// </summary>
public interface ILiveEventPublisher
{
    void Publish(LiveEvent liveEvent);
}
