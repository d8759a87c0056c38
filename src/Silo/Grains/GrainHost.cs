using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Grains;

/// <summary>
/// The in-process grain runtime standing in for an Orleans silo: a directory of activations (one per
/// interface and key in this process), turn-based execution, idle collection, re-entrancy detection.
/// Across processes there is no directory: two processes may each activate the same key, and the
/// ETag check of <see cref="IGrainStorage{TState}"/> keeps them from losing or doubling an update.
/// </summary>
public sealed class GrainHost : IGrainFactory, IAsyncDisposable
{
    // The grains the current call chain is inside; flows with the async context into outgoing calls.
    private static readonly AsyncLocal<ImmutableHashSet<string>?> CallChain = new();

    private readonly ConcurrentDictionary<(Type, string), GrainActivation> _activations = new();
    private readonly IServiceProvider _services;
    private readonly GrainTypeRegistry _registry;
    private readonly TimeProvider _time;

    public GrainHost(IServiceProvider services, GrainTypeRegistry registry, IOptions<GrainHostOptions> options, TimeProvider time)
    {
        _services = services;
        _registry = registry;
        _time = time;
        Options = options.Value;
    }

    public GrainHostOptions Options { get; }

    public int ActivationCount => _activations.Count;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(primaryKey);
        _registry.ImplementationOf(typeof(TGrainInterface)); // fail fast on an unregistered interface
        return GrainProxy.Create<TGrainInterface>(this, primaryKey);
    }

    internal async Task<TResult> InvokeAsync<TResult>(Type interfaceType, string key, Func<Grain, Task<TResult>> call)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd((interfaceType, key), k => new GrainActivation(this, k.Item1, k.Item2));
            var chain = CallChain.Value ?? [];
            if (chain.Contains(activation.GrainId)) throw new ReentrantGrainCallException(activation.GrainId);

            await activation.WaitTurnAsync();
            try
            {
                if (activation.Deactivated) continue; // collected while we queued: resolve a fresh one
                activation.LastUsedTicks = _time.GetTimestamp();
                await activation.EnsureActivatedAsync(() => CreateGrain(activation));
                CallChain.Value = chain.Add(activation.GrainId);
                return await call(activation.Instance!);
            }
            finally
            {
                if (activation.DeactivateRequested && !activation.Deactivated)
                {
                    await RemoveAsync(activation);
                }
                activation.EndTurn();
            }
        }
    }

    /// <summary>
    /// Exclusive use of a grain's STORED state from outside the grain, for a write that stores many grains' states at
    /// once (the batch path of ingestion): takes the grain's turn if it is free right now (never waits, so it cannot
    /// join a cycle of grains waiting for each other), drops the grain's in-memory instance if it has one, and holds the
    /// turn until the reservation is disposed. Calls that arrive meanwhile queue as behind any call; the first one then
    /// activates the grain afresh and reads what the reserver stored. Null when the grain is busy: use a grain call.
    /// (Orleans has no such thing; there the caller would make the grain calls, which this only saves the cost of.)
    /// </summary>
    public async Task<IAsyncDisposable?> TryReserveAsync<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        var activation = _activations.GetOrAdd((typeof(TGrainInterface), key), k => new GrainActivation(this, k.Item1, k.Item2));
        if (!activation.TryTakeTurn()) return null;
        if (activation.Deactivated)
        {
            activation.EndTurn();
            return null;
        }
        try
        {
            await activation.ResetAsync();
        }
        catch
        {
            activation.EndTurn();
            throw;
        }
        activation.LastUsedTicks = _time.GetTimestamp();
        return new Reservation(activation);
    }

    private sealed class Reservation(GrainActivation activation) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) activation.EndTurn();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Deactivates every activation idle for longer than <see cref="GrainHostOptions.IdleTimeout"/>.</summary>
    public async Task<int> CollectIdleActivationsAsync()
    {
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (_time.GetElapsedTime(activation.LastUsedTicks) < Options.IdleTimeout) continue;
            if (!activation.TryTakeTurn()) continue; // busy: it is not idle
            try
            {
                if (activation.Deactivated || _time.GetElapsedTime(activation.LastUsedTicks) < Options.IdleTimeout) continue;
                await RemoveAsync(activation);
                collected++;
            }
            finally
            {
                activation.EndTurn();
            }
        }
        return collected;
    }

    /// <summary>Called inside the activation's turn.</summary>
    private async Task RemoveAsync(GrainActivation activation)
    {
        _activations.TryRemove(new KeyValuePair<(Type, string), GrainActivation>((activation.InterfaceType, activation.Key), activation));
        await activation.DeactivateAsync();
    }

    private Grain CreateGrain(GrainActivation activation)
    {
        var implementation = _registry.ImplementationOf(activation.InterfaceType);
        var grain = (Grain)ActivatorUtilities.CreateInstance(_services, implementation);
        grain.Attach(activation);
        return grain;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var activation in _activations.Values)
        {
            await activation.WaitTurnAsync();
            try
            {
                if (!activation.Deactivated) await RemoveAsync(activation);
            }
            catch
            {
                // Shutting down: a failing OnDeactivateAsync must not keep the others from stopping.
            }
            finally
            {
                activation.EndTurn();
            }
        }
    }
}
