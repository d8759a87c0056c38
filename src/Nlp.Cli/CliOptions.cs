using System.Globalization;

namespace CityMatrix.Nlp.Cli;

/// <summary>Minimal option parsing shared by commands: flags and "--name value" pairs, unknown options rejected.</summary>
public sealed class CliOptions
{
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private CliOptions()
    {
    }

    public static CliOptions Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        var options = new CliOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (flags.Contains(arg)) options._flags.Add(arg);
            else if (valued.Contains(arg))
            {
                if (i + 1 >= args.Count) throw new CliUsageException($"option {arg} needs a value.");
                options._values[arg] = args[++i];
            }
            else throw new CliUsageException($"unknown option '{arg}'.");
        }
        return options;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string option) => _values.GetValueOrDefault(option);

    public string Text(string option, string defaultValue) => _values.GetValueOrDefault(option) ?? defaultValue;

    public float Float(string option, float defaultValue, float min, float max)
    {
        if (!_values.TryGetValue(option, out var text)) return defaultValue;
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
            throw new CliUsageException($"{option} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        return value;
    }

    public int Int(string option, int defaultValue, int min, int max)
    {
        if (!_values.TryGetValue(option, out var text)) return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new CliUsageException($"{option} must be a whole number from {min} to {max}, not '{text}'.");
        return value;
    }
}
