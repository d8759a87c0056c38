namespace CityMatrix.Silo.Live;

/// <summary>In-process publisher: hands each event to the subscribers of this process (the SignalR bridge).</summary>
public sealed class LocalLiveEventPublisher : ILiveEventPublisher
{
    public event Action<LiveEvent>? Published;

    public void Publish(LiveEvent liveEvent) => Published?.Invoke(liveEvent);
}
