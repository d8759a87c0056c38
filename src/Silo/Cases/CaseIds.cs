using System.Security.Cryptography;

namespace CityMatrix.Silo.Cases;

/// <summary>
/// Case numbers like YC20261122-7K3M9Q2XAB: the Yinchuan (UTC+8) date, then 50 random bits in Crockford
/// base32. Processes share no counter; a collision (about 1 in 10^9 per case at a million a day) is
/// caught by the insert's ETag check and a new number is drawn.
/// </summary>
public static class CaseIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly TimeSpan Yinchuan = TimeSpan.FromHours(8);

    /// <summary>
    /// The case number of a post's case: the same post always gives the same number, so a retried or
    /// recovered post finds the case it opened instead of opening a second one.
    /// </summary>
    public static string ForPost(string postKey, DateTimeOffset receivedAt)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(postKey));
        return Format(receivedAt, BitConverter.ToUInt64(hash));
    }

    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return Format(now, BitConverter.ToUInt64(random));
    }

    private static string Format(DateTimeOffset now, ulong bits)
    {
        Span<char> suffix = stackalloc char[10];
        for (var i = 0; i < suffix.Length; i++, bits >>= 5) suffix[i] = Alphabet[(int)(bits & 31)];
        return $"YC{now.ToOffset(Yinchuan):yyyyMMdd}-{suffix}";
    }
}
