using System.Text.Json;
using System.Threading.Channels;
using CityMatrix.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMatrix.Api.Tests.Alerts;

/// <summary>A client of /hubs/alerts: the "alert" and "receipts" events queued for the test to read.</summary>
public sealed class HubTestClient : SignalRJsonClient
{
    private readonly ChannelReader<JsonElement> _alerts;
    private readonly ChannelReader<JsonElement> _receipts;

    private HubTestClient() : base(TimeSpan.FromSeconds(10))
    {
        _alerts = Listen("alert");
        _receipts = Listen("receipts");
    }

    public static Task<HubTestClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> app, string? token = null, bool test = false) where TEntry : class =>
        ConnectAsync(app, "/hubs/alerts", token, () => new HubTestClient(), ("test", test ? "true" : "false"));

    public Task ReportLocationAsync(double lat, double lon) => InvokeAsync("ReportLocation", lat, lon);

    /// <summary>The next "alert" event (its CAP fields), waiting at most 10 s.</summary>
    public Task<JsonElement> NextAlertAsync() => NextAsync(_alerts);

    /// <summary>The next "alert" event with this identifier (other tests' alerts on a shared server are skipped).</summary>
    public async Task<JsonElement> NextAlertAsync(string identifier)
    {
        while (true)
        {
            var alert = await NextAlertAsync();
            if (alert.GetProperty("identifier").GetString() == identifier) return alert;
        }
    }

    public Task<JsonElement> NextReceiptsAsync() => NextAsync(_receipts);

    /// <summary>The alerts received so far that nobody has read.</summary>
    public List<JsonElement> Received() => Drain(_alerts);

    /// <summary>
    /// Proves the server has sent everything it was going to send before now: hub messages on one
    /// connection are ordered, so once a round trip completes, earlier pushes have arrived.
    /// </summary>
    public Task RoundTripAsync() => InvokeAsync("Acknowledge", "no-such-alert");
}
