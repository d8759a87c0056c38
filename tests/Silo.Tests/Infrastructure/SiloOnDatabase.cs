namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>A test class's own fresh database (SQLite file or PostgreSQL database) with a seeded silo over it.</summary>
public abstract class SiloOnDatabase(StorageKind kind) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected SiloHost Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(kind);
        Silo = await Database.StartSiloAsync();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }
}
