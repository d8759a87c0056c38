using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Silo.Tests.Grains;

public sealed class GrainHostTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private ServiceProvider _services = null!;

    private GrainHost Host => _services.GetRequiredService<GrainHost>();

    private ProbeLog Log => _services.GetRequiredService<ProbeLog>();

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("Grains:IdleTimeout", "00:10:00"),
        ]).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<ProbeLog>()
            .AddGrainHost()
            .AddGrain<IProbeGrain, ProbeGrain>()
            .BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Same_key_reaches_the_same_activation_and_other_keys_do_not()
    {
        var first = await Host.GetGrain<IProbeGrain>("a").InstanceId();
        var again = await Host.GetGrain<IProbeGrain>("a").InstanceId();
        var other = await Host.GetGrain<IProbeGrain>("b").InstanceId();

        again.ShouldBe(first);
        other.ShouldNotBe(first);
        Host.ActivationCount.ShouldBe(2);
    }

    [Fact]
    public async Task Concurrent_calls_to_one_grain_run_one_at_a_time()
    {
        var grain = Host.GetGrain<IProbeGrain>("busy");

        var overlaps = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.Overlap())));

        overlaps.Max().ShouldBe(1);
    }

    [Fact]
    public async Task A_reserved_grain_holds_its_callers_until_released_and_then_comes_back_as_a_new_instance()
    {
        var before = await Host.GetGrain<IProbeGrain>("held").InstanceId();

        var hold = (await Host.TryReserveAsync<IProbeGrain>("held")).ShouldNotBeNull();
        var call = Host.GetGrain<IProbeGrain>("held").InstanceId();
        await Task.Delay(50);
        call.IsCompleted.ShouldBeFalse();
        (await Host.TryReserveAsync<IProbeGrain>("held")).ShouldBeNull(); // taken: a second reserver must use a grain call
        await hold.DisposeAsync();

        // The in-memory instance was dropped: the next call activates afresh (and would read the stored state again).
        (await call.WaitAsync(TimeSpan.FromSeconds(10))).ShouldNotBe(before);
    }

    [Fact]
    public async Task Calls_to_different_grains_may_run_at_the_same_time()
    {
        var started = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Host.GetGrain<IProbeGrain>($"g{i}").Overlap()));

        started.ShouldAllBe(max => max == 1);
        Host.ActivationCount.ShouldBe(20);
    }

    [Fact]
    public async Task A_grain_calling_itself_is_refused_instead_of_deadlocking()
    {
        var error = await Should.ThrowAsync<ReentrantGrainCallException>(() => Host.GetGrain<IProbeGrain>("self").CallSelf());

        error.GrainId.ShouldBe("IProbeGrain/self");
        (await Host.GetGrain<IProbeGrain>("self").InstanceId()).ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task A_call_chain_coming_back_to_a_busy_grain_is_refused()
    {
        await Should.ThrowAsync<ReentrantGrainCallException>(() => Host.GetGrain<IProbeGrain>("a").CallThroughPartner("b"));
    }

    [Fact]
    public async Task Idle_grains_are_deactivated_and_come_back_as_new_activations()
    {
        var before = await Host.GetGrain<IProbeGrain>("idle").InstanceId();

        _time.Advance(TimeSpan.FromMinutes(9));
        (await Host.CollectIdleActivationsAsync()).ShouldBe(0);
        _time.Advance(TimeSpan.FromMinutes(2));
        (await Host.CollectIdleActivationsAsync()).ShouldBe(1);

        Log.Deactivations.ShouldBe(1);
        Host.ActivationCount.ShouldBe(0);
        (await Host.GetGrain<IProbeGrain>("idle").InstanceId()).ShouldNotBe(before);
    }

    [Fact]
    public async Task A_grain_used_recently_is_kept_while_an_idle_one_is_collected()
    {
        await Host.GetGrain<IProbeGrain>("old").InstanceId();
        _time.Advance(TimeSpan.FromMinutes(8));
        var recent = await Host.GetGrain<IProbeGrain>("recent").InstanceId();
        _time.Advance(TimeSpan.FromMinutes(3));

        (await Host.CollectIdleActivationsAsync()).ShouldBe(1);

        (await Host.GetGrain<IProbeGrain>("recent").InstanceId()).ShouldBe(recent);
    }

    [Fact]
    public void Unregistered_grain_interfaces_are_refused_up_front()
    {
        Should.Throw<InvalidOperationException>(() => Host.GetGrain<IUnregisteredGrain>("x"));
    }

    public interface IUnregisteredGrain : IGrainWithStringKey
    {
        Task Nothing();
    }
}
