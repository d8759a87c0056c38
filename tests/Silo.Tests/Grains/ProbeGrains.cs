using CityMatrix.Silo.Grains;

namespace CityMatrix.Silo.Tests.Grains;

/// <summary>A stateless grain that reports what the runtime does to it.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<Guid> InstanceId();

    /// <summary>Enters, yields a few times, leaves; returns how many calls were inside at once (at most).</summary>
    Task<int> Overlap();

    Task CallSelf();

    Task CallThroughPartner(string partnerKey);

    Task CallBack(string callerKey);
}

public sealed class ProbeLog
{
    private int _deactivations;

    public int Deactivations => _deactivations;

    public void Deactivated() => Interlocked.Increment(ref _deactivations);
}

public sealed class ProbeGrain(ProbeLog log) : Grain, IProbeGrain
{
    private readonly Guid _instance = Guid.NewGuid();
    private int _inside;
    private int _maxInside;

    public Task<Guid> InstanceId() => Task.FromResult(_instance);

    public async Task<int> Overlap()
    {
        // No lock here on purpose: the runtime's turn-taking is what keeps this at 1.
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        for (var i = 0; i < 3; i++) await Task.Yield();
        _inside--;
        return _maxInside;
    }

    public Task CallSelf() => GrainFactory.GetGrain<IProbeGrain>(GetPrimaryKeyString()).InstanceId();

    public Task CallThroughPartner(string partnerKey) =>
        GrainFactory.GetGrain<IProbeGrain>(partnerKey).CallBack(GetPrimaryKeyString());

    public async Task CallBack(string callerKey) => await GrainFactory.GetGrain<IProbeGrain>(callerKey).InstanceId();

    public override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        log.Deactivated();
        return Task.CompletedTask;
    }
}
