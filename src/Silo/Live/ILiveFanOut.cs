namespace CityMatrix.Silo.Live;

/// <summary>Tells the other server processes on the same database about an event that is not kept.</summary>
public interface ILiveFanOut
{
    /// <summary>Fire-and-forget: queued and sent in the background.</summary>
    void Announce(LiveEvent liveEvent);
}

/// <summary>SQLite: one process per database file, so there is nobody else to tell.</summary>
public sealed class InProcessLiveFanOut : ILiveFanOut
{
    public void Announce(LiveEvent liveEvent)
    {
    }
}
