namespace CityMatrix.Silo.Tests.Infrastructure;

public enum StorageKind
{
    Sqlite,
    PostgreSql,
}
