namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>
/// Disposal of a shared fixture (a server, a database) after its tests have run. xunit reports an exception there as
/// a cleanup failure: no test fails, yet `dotnet test` exits non-zero and the console shows no reason among the servers'
/// logs. Such an error says nothing about the behaviour under test, so it is kept out of the verdict but never
/// silenced: it is written to the console and to <see cref="LogPath"/>, which scripts/test.sh prints at the end.
/// </summary>
public static class Teardown
{
    public static readonly string LogPath = Path.Combine(Path.GetTempPath(), "citymatrix-teardown-errors.log");

    private static readonly Lock Gate = new();

    public static async Task QuietlyAsync(string what, Func<Task> dispose)
    {
        try
        {
            await dispose();
        }
        catch (Exception e)
        {
            var report = $"[teardown error] {what}: {e}";
            Console.WriteLine(report);
            lock (Gate) File.AppendAllText(LogPath, report + Environment.NewLine);
        }
    }
}
