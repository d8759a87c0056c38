namespace CityMatrix.Silo.Grains;

/// <summary>
/// Base class of grain implementations. One instance per key per process; the host runs its calls one
/// at a time, so implementations need no locks of their own.
/// </summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    internal GrainActivation Activation => _activation ?? throw new InvalidOperationException("Grain is not activated.");

    internal void Attach(GrainActivation activation) => _activation = activation;

    /// <summary>The grain's string key (Orleans: this.GetPrimaryKeyString()).</summary>
    public string GetPrimaryKeyString() => Activation.Key;

    protected IGrainFactory GrainFactory => Activation.Host;

    /// <summary>Ask the host to drop this activation after the current turn (e.g. after a storage fault).</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateRequested = true;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
