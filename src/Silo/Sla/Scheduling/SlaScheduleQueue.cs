using System.Collections.Concurrent;
using System.Threading.Channels;
using CityMatrix.Silo.Cases;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Sla.Scheduling;

/// <summary>
/// The commit observer that (re)schedules clocks: it only notes the case id of a committed change that can
/// move a clock (forward, 签收, reply, close, return, extension, 督办…) for <see cref="SlaScheduleWorker"/>.
/// It runs on the writing grain's turn, so it neither calls that grain nor waits on the job store; a case
/// noted several times before the worker gets to it is scheduled once, from its row as stored then.
/// A case just opened whose first wake-up is beyond <see cref="SlaOptions.TriggerHorizon"/> is not noted at all
/// (when the reconciler runs): the worker would read it only to set no trigger (a new case has none to move or
/// remove), and the reconciler sets it once it comes within reach. Under ingestion that was every new case: a
/// read of thousands of case rows a second for nothing.
/// </summary>
public sealed class SlaScheduleQueue(SlaClocks clocks, TimeProvider time, IOptions<SlaOptions> options) : ICaseCommitObserver
{
    private static readonly HashSet<CaseAction> MovesClocks =
    [
        CaseAction.Forward, CaseAction.Accept, CaseAction.Reply, CaseAction.Close, CaseAction.Return, CaseAction.ApproveExtension,
        CaseAction.Reopen, CaseAction.Merge, CaseAction.Reassign, CaseAction.Supervise, CaseAction.SlaWarning,
    ];

    private readonly ConcurrentQueue<string> _queue = new();
    private readonly ConcurrentDictionary<string, byte> _queued = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public int Count => _queued.Count;

    public void OnCommitted(CaseCommit commit)
    {
        if (!commit.NewEvents.Any(e => MovesClocks.Contains(e.Action)) || LeftToTheReconciler(commit)) return;
        Enqueue(commit.State.Id);
    }

    private bool LeftToTheReconciler(CaseCommit commit)
    {
        if (!commit.Opened || !options.Value.Reconcile) return false;
        var now = time.GetUtcNow();
        return clocks.NextWakeUp(commit.State, now) is not { } wake || wake > now + options.Value.TriggerHorizon;
    }

    public void Enqueue(string caseId)
    {
        if (!_queued.TryAdd(caseId, 0)) return;
        _queue.Enqueue(caseId);
        _signal.Writer.TryWrite(true);
    }

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _signal.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes up to <paramref name="max"/> ids. An id taken is free to be queued again by a later commit.</summary>
    public IReadOnlyList<string> Take(int max)
    {
        _signal.Reader.TryRead(out _);
        var taken = new List<string>();
        while (taken.Count < max && _queue.TryDequeue(out var id))
        {
            _queued.TryRemove(id, out _);
            taken.Add(id);
        }
        if (!_queue.IsEmpty) _signal.Writer.TryWrite(true);
        return taken;
    }
}
