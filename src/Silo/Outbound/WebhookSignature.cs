using System.Security.Cryptography;
using System.Text;

namespace CityMatrix.Silo.Outbound;

/// <summary>
/// The signature receivers check: "sha256=" + hex HMAC-SHA256(secret, "{timestamp}.{body}"). The
/// timestamp (Unix seconds, its own header) is signed too, so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-CityMatrix-Signature";
    public const string TimestampHeader = "X-CityMatrix-Timestamp";
    public const string EventHeader = "X-CityMatrix-Event";
    public const string EventIdHeader = "X-CityMatrix-Event-Id";
    public const string AttemptHeader = "X-CityMatrix-Attempt";

    /// <summary>The event id again, under the name idempotent receivers usually look for.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, long timestamp, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
