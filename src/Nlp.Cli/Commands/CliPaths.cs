namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Default locations: the shared research data and the repository's src/Nlp/Models.</summary>
public static class CliPaths
{
    public const string DefaultData = "/work/shared/data";

    public static string DataDirectory(CliOptions o) =>
        o.Get("data", Environment.GetEnvironmentVariable("CITYMATRIX_DATA") ?? DefaultData);

    /// <summary>--models, else src/Nlp/Models of the repository containing the working directory.</summary>
    public static string ModelsDirectory(CliOptions o)
    {
        if (o.Has("models")) return o.Get("models", ".");
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CityMatrix.sln"))) return Path.Combine(d.FullName, "src", "Nlp", "Models");
        throw new CliUsageException("not inside the CityMatrix repository: pass --models DIR");
    }
}
