using System.Threading.Channels;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Wakes a loop that reads a table. Lossy by design: any number of pokes while the loop is busy
/// collapse into one more round, which reads everything there is.
/// </summary>
public sealed class WakeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a poke; throws <see cref="OperationCanceledException"/> when stopped.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.WaitToReadAsync(cancellationToken);
        _channel.Reader.TryRead(out _);
    }
}
