using System.Globalization;

namespace CityMatrix.Metrics.Bench;

/// <summary>
/// --cases N (default 1,000,000) --provider sqlite|postgres --dir D (SQLite folder) --pg CONN (PostgreSQL server; a fresh
/// database is made on it) --concurrency C (writers) --repeat R (timed runs per query) --reuse (keep an existing SQLite
/// store of the same size: time the queries only) --keep (leave the PostgreSQL database) --live (store the cases one by one
/// through the case grain storage instead of in bulk) --overhead N (also time N live case writes with and without the counters).
/// </summary>
public sealed record BenchOptions(int Cases, string Provider, string Directory, string? PostgresServer, int Concurrency, int Repeat, bool Reuse, bool Keep, bool Live, int Overhead)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v.Replace("_", ""), CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            Number("--cases", 1_000_000),
            Value("--provider") ?? "sqlite",
            Value("--dir") ?? Path.Combine(Path.GetTempPath(), "citymatrix-metrics-bench"),
            Value("--pg") ?? Environment.GetEnvironmentVariable("CITYMATRIX_TEST_PG"),
            Number("--concurrency", 64),
            Number("--repeat", 5),
            args.Contains("--reuse"),
            args.Contains("--keep"),
            args.Contains("--live"),
            Number("--overhead", 0));
    }
}
