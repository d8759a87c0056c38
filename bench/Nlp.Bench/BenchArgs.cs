namespace CityMatrix.Nlp.Bench;

/// <summary>Options of a bench command, plus where the data and the node peers are.</summary>
internal sealed class BenchArgs(string[] args)
{
    public bool Has(string flag) => args.Contains(flag);

    public string? Value(string option)
    {
        var i = Array.IndexOf(args, option);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public string DataDir => Value("--data") ?? Environment.GetEnvironmentVariable("CITYMATRIX_DATA") ?? "/work/shared/data";

    public string PkuTest => Value("--file") ?? Path.Combine(DataDir, "sighan2005", "pku_test.utf8");

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CityMatrix.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (CityMatrix.sln) above " + AppContext.BaseDirectory);
        }
    }

    public static string PeersDir => Path.Combine(RepoRoot, "bench", "jieba-peers");

    /// <summary>Non-empty lines of a UTF-8 file, without line terminators.</summary>
    public static List<string> ReadLines(string path) =>
        File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
}
