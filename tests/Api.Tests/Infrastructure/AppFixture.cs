using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Infrastructure;

/// <summary>
/// One server (and database) shared by the tests of a class: starting one seeds the matrix and the demo
/// users, which is too slow to repeat per test. Tests on a shared server use their own cases and ids.
/// </summary>
public abstract class AppFixture(StorageKind kind) : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public CityMatrixApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await CityMatrixApp.StartAsync(kind);

    /// <summary>A signed-in client per demo user, made once.</summary>
    public async Task<HttpClient> As(string user)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(user, out var client)) _clients[user] = client = await App.ClientForAsync(user);
            return client;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class SqliteApp() : AppFixture(StorageKind.Sqlite);

public sealed class PostgresApp() : AppFixture(StorageKind.PostgreSql);
