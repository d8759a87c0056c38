namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Default locations: the shared research data and the repository's src/Nlp/Models.</summary>
public static class CliPaths
{
    public const string DefaultData = "/work/shared/data";

    public static string DataDirectory(CliOptions o) =>
        o.Value("--data") ?? Environment.GetEnvironmentVariable("CITYMATRIX_DATA") ?? DefaultData;

    /// <summary>--models, else src/Nlp/Models of the repository containing the working directory.</summary>
    public static string ModelsDirectory(CliOptions o)
    {
        if (o.Value("--models") is { } models) return models;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CityMatrix.sln"))) return Path.Combine(d.FullName, "src", "Nlp", "Models");
        throw new CliUsageException("not inside the CityMatrix repository: pass --models DIR.");
    }

    /// <summary>--holdout: which part of weibo2018 is held out (every5 or last2000).</summary>
    public static string HoldOut(CliOptions o) =>
        o.Text("--holdout", "every5") is var h && h is "every5" or "last2000" ? h : throw new CliUsageException($"--holdout must be every5 or last2000, not '{h}'.");

    /// <summary>An input file named by an option; a missing file is a usage error, not a crash.</summary>
    public static StreamReader OpenExisting(string path)
    {
        if (!File.Exists(path)) throw new CliUsageException($"file '{path}' does not exist.");
        return new StreamReader(path);
    }
}
