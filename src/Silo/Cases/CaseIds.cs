using System.Security.Cryptography;

namespace CityMatrix.Silo.Cases;

/// <summary>
/// Case numbers like YC20261122-9QK47K3M9Q2X: the Yinchuan (UTC+8) date, the time of day in eighths of a second
/// (4 Crockford base32 digits, most significant first), then 40 random bits (8 digits). The alphabet is in ASCII
/// order, so numbers sort by the time they were drawn: a new case's row and every index keyed by its number
/// (the case key, its timeline, its posts, its search row) are appended at the end of their B-trees instead of
/// dirtying a random page each, which was most of what a chunk of posts wrote. Processes share no counter; two
/// cases of one eighth of a second collide about once in 10^12 (at 5,000 cases a second, once in hours), and a
/// collision is caught by the insert's key check (for a post's case the write is then retried post by post).
/// </summary>
public static class CaseIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int TimeDigits = 4;
    private const int RandomDigits = 8;
    private const long TicksPerStep = TimeSpan.TicksPerSecond / 8;
    private static readonly TimeSpan Yinchuan = TimeSpan.FromHours(8);

    /// <summary>
    /// The case number of a post's case: the same post received at the same time always gives the same number, so a
    /// retried or recovered post finds the case it opened instead of opening a second one.
    /// </summary>
    public static string ForPost(string postKey, DateTimeOffset receivedAt)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(postKey));
        return Format(receivedAt, BitConverter.ToUInt64(hash));
    }

    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return Format(now, BitConverter.ToUInt64(random));
    }

    private static string Format(DateTimeOffset at, ulong bits)
    {
        var local = at.ToOffset(Yinchuan);
        // 0..691,199 eighths of a second in a day: 20 bits, four digits.
        var step = (ulong)(local.TimeOfDay.Ticks / TicksPerStep);
        Span<char> suffix = stackalloc char[TimeDigits + RandomDigits];
        for (var i = TimeDigits - 1; i >= 0; i--, step >>= 5) suffix[i] = Alphabet[(int)(step & 31)];
        for (var i = TimeDigits; i < suffix.Length; i++, bits >>= 5) suffix[i] = Alphabet[(int)(bits & 31)];
        return $"YC{local:yyyyMMdd}-{suffix}";
    }
}
