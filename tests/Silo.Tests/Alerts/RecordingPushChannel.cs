using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Delivery;

namespace CityMatrix.Silo.Tests.Alerts;

/// <summary>The hub's place in silo tests: remembers who was sent what, and lets a test wait for it.</summary>
public sealed class RecordingPushChannel : IAlertPushChannel
{
    private readonly Lock _lock = new();
    private readonly List<(string ConnectionId, string Identifier, string? MsgType)> _sent = [];
    private readonly List<ReceiptSummary> _receipts = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task PushAsync(IReadOnlyList<ConnectedClient> clients, CapAlert alert, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _sent.AddRange(clients.Select(c => (c.ConnectionId, alert.Identifier!, alert.MsgType)));
            Signal();
        }
        return Task.CompletedTask;
    }

    public Task PushReceiptsAsync(string accountId, ReceiptSummary summary, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _receipts.Add(summary);
            Signal();
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> SentTo(string connectionId)
    {
        lock (_lock) return _sent.Where(s => s.ConnectionId == connectionId).Select(s => s.Identifier).ToList();
    }

    public IReadOnlyList<string> RecipientsOf(string identifier)
    {
        lock (_lock) return _sent.Where(s => s.Identifier == identifier).Select(s => s.ConnectionId).Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<ReceiptSummary> Receipts
    {
        get { lock (_lock) return [.. _receipts]; }
    }

    /// <summary>Waits (event-driven, at most 10 s) until the condition holds.</summary>
    public async Task WaitUntilAsync(Func<RecordingPushChannel, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(this)) return;
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
                throw new TimeoutException("The expected push did not happen within 10 s.");
        }
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }
}
