using System.Collections.Concurrent;

namespace CityMatrix.Silo.Sla.Scheduling;

/// <summary>How many SLA wake-ups this process has run, per case: what shows that a clustered trigger fired once.</summary>
public sealed class SlaWakeUps
{
    private readonly ConcurrentDictionary<string, int> _byCase = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public int For(string caseId) => _byCase.GetValueOrDefault(caseId);

    public void Record(string caseId)
    {
        _byCase.AddOrUpdate(caseId, 1, (_, count) => count + 1);
        Interlocked.Increment(ref _total);
    }
}
