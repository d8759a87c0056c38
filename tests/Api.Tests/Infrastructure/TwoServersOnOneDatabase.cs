using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Infrastructure;

/// <summary>
/// Two server processes on one fresh PostgreSQL database, started for each test of a subclass and dropped after
/// it: for what one server publishes and clients of the other must see.
/// </summary>
public abstract class TwoServersOnOneDatabase : IAsyncLifetime
{
    private string _connectionString = null!;

    protected SharedDatabaseHost First { get; private set; } = null!;

    protected SharedDatabaseHost Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        First = await SharedDatabaseHost.StartAsync(_connectionString);
        Second = await SharedDatabaseHost.StartAsync(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }
}
