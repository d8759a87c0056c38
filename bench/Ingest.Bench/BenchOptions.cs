namespace CityMatrix.Ingest.Bench;

public sealed record BenchOptions(string[] Providers, int Posts, int Concurrency, int Rate, int Warmup, int Batch, bool Timeline)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var provider = Value("--provider", "both");
        return new BenchOptions(
            provider == "both" ? ["sqlite", "postgres"] : [provider],
            int.Parse(Value("--posts", "20000")),
            int.Parse(Value("--concurrency", "64")),
            int.Parse(Value("--rate", "0")),
            int.Parse(Value("--warmup", "1000")),
            int.Parse(Value("--batch", "0")),
            args.Contains("--timeline"));
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CityMatrix.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository.");
    }
}
