namespace CityMatrix.EndToEnd.Tests.Infrastructure;

/// <summary>A fresh data directory for one test's server processes, removed afterwards.</summary>
public sealed class ServerDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "citymatrix-e2e", Guid.NewGuid().ToString("N"));

    public ServerDataDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
