namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>"--name value" and "--flag" options; anything else is an error the command reports.</summary>
public sealed class CliOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private CliOptions() { }

    public static CliOptions Parse(string[] args, params string[] flags)
    {
        var o = new CliOptions();
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length < 3) throw new CliUsageException($"unexpected argument '{a}'");
            var name = a[2..];
            if (flags.Contains(name)) { o._values[name] = null; continue; }
            if (i + 1 >= args.Length) throw new CliUsageException($"option --{name} needs a value");
            o._values[name] = args[++i];
        }
        return o;
    }

    public bool Has(string name) => _values.ContainsKey(name);
    public string Get(string name, string fallback) => _values.TryGetValue(name, out var v) && v is not null ? v : fallback;

    public int GetInt(string name, int fallback) =>
        _values.TryGetValue(name, out var v) && v is not null
            ? int.TryParse(v, out var n) ? n : throw new CliUsageException($"--{name} must be an integer")
            : fallback;

    public float GetFloat(string name, float fallback) =>
        _values.TryGetValue(name, out var v) && v is not null
            ? float.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw new CliUsageException($"--{name} must be a number")
            : fallback;

    public void OnlyKnown(params string[] known)
    {
        foreach (var k in _values.Keys)
            if (!known.Contains(k)) throw new CliUsageException($"unknown option --{k}");
    }
}

public sealed class CliUsageException(string message) : Exception(message);
