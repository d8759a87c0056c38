namespace CityMatrix.Silo.Grains;

/// <summary>
/// One live grain instance and its turn lock. Calls queue on <see cref="_turn"/> so the grain runs one
/// call at a time; the collector takes the same lock before deactivating, so it never races a call.
/// </summary>
internal sealed class GrainActivation(GrainHost host, Type interfaceType, string key)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private Task? _activated;

    public GrainHost Host { get; } = host;
    public Type InterfaceType { get; } = interfaceType;
    public string Key { get; } = key;
    public string GrainId { get; } = $"{interfaceType.Name}/{key}";
    public Grain? Instance { get; set; }
    public long LastUsedTicks { get; set; }
    public bool Deactivated { get; private set; }
    public bool DeactivateRequested { get; set; }

    public Task WaitTurnAsync() => _turn.WaitAsync();

    public bool TryTakeTurn() => _turn.Wait(0);

    public void EndTurn() => _turn.Release();

    /// <summary>Runs OnActivateAsync once; called inside a turn. A failed activation is retried next turn.</summary>
    public async Task EnsureActivatedAsync(Func<Grain> create)
    {
        if (_activated is { IsCompletedSuccessfully: true }) return;
        Instance ??= create();
        _activated = Instance.OnActivateAsync(CancellationToken.None);
        try
        {
            await _activated;
        }
        catch
        {
            Instance = null;
            _activated = null;
            throw;
        }
    }

    /// <summary>
    /// Called inside a turn: drops the instance (after its OnDeactivateAsync) but keeps the activation, so the next
    /// turn creates a new instance that reads the stored state again.
    /// </summary>
    public async Task ResetAsync()
    {
        var grain = Instance;
        var activated = _activated is { IsCompletedSuccessfully: true };
        Instance = null;
        _activated = null;
        if (grain is not null && activated) await grain.OnDeactivateAsync(CancellationToken.None);
    }

    /// <summary>Marks the activation dead; callers that still hold it re-resolve a fresh one.</summary>
    public async Task DeactivateAsync()
    {
        Deactivated = true;
        if (Instance is { } grain && _activated is { IsCompletedSuccessfully: true })
        {
            await grain.OnDeactivateAsync(CancellationToken.None);
        }
    }
}
