using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Outbound;

/// <summary>One signed POST of an event to a receiver; never throws for the receiver's faults.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string ClientName = "citymatrix-webhooks";

    public sealed record Result(bool Delivered, int? StatusCode, string? Error, long DurationMs);

    public async Task<Result> SendAsync(WebhookSubscription subscription, OutboundEvent @event, int attempt, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(@event.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        request.Headers.Add(WebhookSignature.EventHeader, @event.Type);
        request.Headers.Add(WebhookSignature.EventIdHeader, @event.Id);
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, @event.Id);
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, timestamp, @event.Payload));

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode) return new Result(true, (int)response.StatusCode, null, elapsed);
            var body = await ReadStartAsync(response, timeout.Token);
            return new Result(false, (int)response.StatusCode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {body}".TrimEnd(' ', ':'), elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Result(false, null, $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpRequestException e)
        {
            return new Result(false, null, e.Message, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The first few hundred characters of an error body, enough to tell the administrator why.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length > 300 ? text[..300] + "…" : text;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }
}
