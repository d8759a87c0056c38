namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>One entry of CAP &lt;references&gt;: "sender,identifier,sent".</summary>
public sealed record CapReference(string Sender, string Identifier, string Sent)
{
    public override string ToString() => $"{Sender},{Identifier},{Sent}";

    /// <summary>Splits the whitespace-separated triplets; a malformed entry is reported with its position.</summary>
    public static IReadOnlyList<CapReference> Parse(string? text, Action<int, string>? fault = null)
    {
        var result = new List<CapReference>();
        var entries = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var parts = entries[i].Split(',');
            if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            {
                fault?.Invoke(i, $"'{entries[i]}' is not a sender,identifier,sent triplet.");
                continue;
            }
            if (CapTime.Fault(parts[2]) is { } timeFault)
            {
                fault?.Invoke(i, $"The sent time of '{entries[i]}' is wrong: {timeFault}");
                continue;
            }
            result.Add(new CapReference(parts[0], parts[1], parts[2]));
        }
        return result;
    }
}
