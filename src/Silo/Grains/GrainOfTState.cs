namespace CityMatrix.Silo.Grains;

/// <summary>A grain with one persistent state, read on activation and written with an ETag check.</summary>
public abstract class Grain<TState>(IGrainStorage<TState> storage) : Grain where TState : class, new()
{
    private readonly GrainState<TState> _grainState = new(new TState());

    protected TState State
    {
        get => _grainState.State;
        set => _grainState.State = value;
    }

    protected bool RecordExists => _grainState.RecordExists;

    protected string? ETag => _grainState.ETag;

    protected Task ReadStateAsync() => storage.ReadStateAsync(GetPrimaryKeyString(), _grainState);

    protected Task WriteStateAsync() => storage.WriteStateAsync(GetPrimaryKeyString(), _grainState);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await storage.ReadStateAsync(GetPrimaryKeyString(), _grainState, cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="apply"/> to the state and writes it. If another writer (another process, or
    /// a stale activation) wrote first, the state is re-read and <paramref name="apply"/> runs again on the
    /// fresh state, so its checks see what is really stored: an update is never lost nor applied twice.
    /// <paramref name="apply"/> must validate before it mutates, so that a refusal leaves State untouched.
    /// </summary>
    protected async Task<TResult> UpdateStateAsync<TResult>(Func<TState, TResult> apply)
    {
        var attempts = Activation.Host.Options.MaxConflictRetries;
        for (var attempt = 1; ; attempt++)
        {
            var result = apply(State);
            try
            {
                await WriteStateAsync();
                return result;
            }
            catch (InconsistentStateException) when (attempt < attempts)
            {
                await ReloadOrDeactivateAsync();
                // Two hosts hammering one key could keep beating each other in lock-step: jitter breaks that.
                if (attempt >= 3) await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20)));
            }
            catch
            {
                // The in-memory state now holds changes that are not stored: never serve them.
                await ReloadOrDeactivateAsync();
                throw;
            }
        }
    }

    protected Task UpdateStateAsync(Action<TState> apply) =>
        UpdateStateAsync<bool>(state => { apply(state); return true; });

    private async Task ReloadOrDeactivateAsync()
    {
        try
        {
            await ReadStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
