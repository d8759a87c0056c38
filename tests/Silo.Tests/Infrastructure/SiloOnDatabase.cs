namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>A test class's own fresh database (SQLite file or PostgreSQL database) with a seeded silo over it, on <paramref name="time"/> when given.</summary>
public abstract class SiloOnDatabase(StorageKind kind, TimeProvider? time = null) : IAsyncLifetime
{
    protected TimeProvider? Time { get; } = time;

    protected TestDatabase Database { get; private set; } = null!;

    protected SiloHost Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(kind);
        Silo = await Database.StartSiloAsync(Time);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }
}
