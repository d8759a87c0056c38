using System.Globalization;
using System.Text.RegularExpressions;

namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>
/// CAP 1.2 date-times: "2026-07-12T21:31:38+08:00", always with an explicit offset; UTC is written
/// "-00:00" or "+00:00", never "Z" (CAP 1.2 §3.3.2). Fractional seconds are not allowed either.
/// </summary>
public static partial class CapTime
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && Shape().IsMatch(text)
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Why <paramref name="text"/> is not a CAP time, or null when it is one.</summary>
    public static string? Fault(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') ? $"'{text}' uses \"Z\"; CAP times give the offset, e.g. +08:00 (or -00:00 for UTC)."
        : TryParse(text, out _) ? null
        : $"'{text}' is not a CAP time (yyyy-MM-ddThh:mm:ss±hh:mm, e.g. 2026-07-12T21:31:38+08:00).";

    public static string Format(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
        + (value.Offset < TimeSpan.Zero ? "-" : "+") + value.Offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
