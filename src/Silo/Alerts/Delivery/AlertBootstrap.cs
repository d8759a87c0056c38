using CityMatrix.Silo.Alerts.Storage;
using Microsoft.Extensions.Hosting;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>Runs after storage is ready: loads the alerts in force, so clients connecting from now on get them.</summary>
public sealed class AlertBootstrap(AlertStore store, AlertDispatcher dispatcher) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => dispatcher.Restore(await store.InForceAsync(cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
