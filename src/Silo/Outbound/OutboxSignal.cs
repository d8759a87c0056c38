using System.Threading.Channels;

namespace CityMatrix.Silo.Outbound;

/// <summary>
/// Wakes the delivery worker when this process has just committed an event, so deliveries go out at once
/// instead of at the next poll. Lossy by design: one pending wake-up is enough, the worker reads the table.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Completes when notified or when <paramref name="cancellationToken"/> fires (then without throwing).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Reader.WaitToReadAsync(cancellationToken);
            _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
