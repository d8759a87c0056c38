using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CityMatrix.Silo.Outbound;

/// <summary>
/// Keyset position in the feed: (reply time, event id) of the last item seen. Opaque to clients
/// (base64url), stable under inserts: new replies never shift the pages after them.
/// </summary>
public readonly record struct FeedCursor(DateTimeOffset At, string EventId)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{EventId}"));

    public static bool TryDecode(string? text, out FeedCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 400) return false;
        try
        {
            var raw = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var bar = raw.IndexOf('|');
            if (bar <= 0 || bar == raw.Length - 1) return false;
            if (!long.TryParse(raw.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return false;
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
            cursor = new FeedCursor(new DateTimeOffset(ticks, TimeSpan.Zero), raw[(bar + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
