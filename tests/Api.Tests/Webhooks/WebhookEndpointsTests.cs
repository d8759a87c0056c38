using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Feed;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Outbound;

namespace CityMatrix.Api.Tests.Webhooks;

/// <summary>Webhook administration and delivery over HTTP, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class WebhookEndpointsTests(AppFixture fixture) : IAsyncLifetime
{
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await fixture.As("admin");

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> SubscribeAsync(string url, params string[] events)
    {
        var response = await _admin.PostJsonAsync("/api/webhooks", new { url, events });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_public_reply_reaches_the_subscribed_receiver_signed_with_the_secret_shown_at_creation()
    {
        await using var receiver = await KestrelReceiver.StartAsync();
        var created = await SubscribeAsync(receiver.Url, "case.replied");
        var secret = created.GetProperty("secret").GetString()!;
        var hookId = created.GetProperty("id").GetString()!;

        var caseId = await RepliedCases.ReplyAsync(fixture, "已派人维修，今晚恢复供热。");
        var seq = (await (await _admin.GetAsync($"/api/cases/{caseId}")).JsonAsync()).GetProperty("timeline").GetArrayLength();
        var eventId = OutboundEvent.IdOf(caseId, seq);
        var received = await receiver.DeliveredAsync(eventId);

        WebhookSignature.Verify(secret, long.Parse(received.Headers[WebhookSignature.TimestampHeader]), received.Body, received.Headers[WebhookSignature.SignatureHeader])
            .ShouldBeTrue();
        received.Headers[WebhookSignature.IdempotencyKeyHeader].ShouldBe(eventId);
        var payload = JsonDocument.Parse(received.Body).RootElement;
        payload.GetProperty("type").GetString().ShouldBe("case.replied");
        payload.GetProperty("case").GetProperty("reply").GetString().ShouldBe("已派人维修，今晚恢复供热。");
        received.Body.ShouldNotContain("citizen1");

        var deliveries = await (await _admin.GetAsync($"/api/webhooks/{hookId}/deliveries")).JsonAsync();
        var delivery = deliveries.EnumerateArray().Single(d => d.GetProperty("eventId").GetString() == eventId);
        var detail = await DeliveredAsync(delivery.GetProperty("id").GetString()!);
        detail.GetProperty("history").EnumerateArray().Last().GetProperty("statusCode").GetInt32().ShouldBe(200);
        (await _admin.DeleteAsync($"/api/webhooks/{hookId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>The worker records the attempt just after the receiver answered: read until it has.</summary>
    private async Task<JsonElement> DeliveredAsync(string deliveryId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var detail = await (await _admin.GetAsync($"/api/webhooks/deliveries/{Uri.EscapeDataString(deliveryId)}")).JsonAsync();
            if (detail.GetProperty("status").GetString() == "Delivered" || DateTime.UtcNow > deadline) return detail;
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Subscriptions_are_listed_without_their_secret_and_deleted_ones_disappear()
    {
        var created = await SubscribeAsync("https://connector.example.org/citymatrix", "case.closed", "case.rated");
        var id = created.GetProperty("id").GetString()!;
        created.GetProperty("secret").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(32);

        var listed = await (await _admin.GetAsync("/api/webhooks")).Content.ReadAsStringAsync();
        var one = await (await _admin.GetAsync($"/api/webhooks/{id}")).JsonAsync();
        (await _admin.DeleteAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        listed.ShouldContain(id);
        listed.ShouldNotContain(created.GetProperty("secret").GetString()!);
        one.TryGetProperty("secret", out _).ShouldBeFalse();
        one.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["case.closed", "case.rated"]);
        (await _admin.GetAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.DeleteAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadSubscriptions => new()
    {
        { """{"events":["case.replied"]}""", "url" },
        { """{"url":"ftp://example.org/x","events":["case.replied"]}""", "url" },
        { """{"url":"/relative","events":["case.replied"]}""", "url" },
        { """{"url":"https://example.org/x"}""", "events" },
        { """{"url":"https://example.org/x","events":["case.exploded"]}""", "events" },
        { """{"url":"https://example.org/x","events":["case.replied"],"secret":"short"}""", "secret" },
        { """{"url":"https://example.org/x","events":"case.replied"}""", "events" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task A_bad_subscription_is_refused_naming_the_field(string body, string field)
    {
        var response = await _admin.PostRawAsync("/api/webhooks", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
    }

    [Fact]
    public async Task Only_administrators_manage_webhooks()
    {
        var officer = await fixture.As("wzyc");
        using var anonymous = fixture.App.CreateClient();

        (await officer.GetAsync("/api/webhooks")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PostJsonAsync("/api/webhooks", new { url = "https://example.org", events = new[] { "case.replied" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/webhooks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Redelivering_an_unknown_delivery_is_404_and_a_bad_status_filter_is_400()
    {
        var created = await SubscribeAsync("https://connector.example.org/x", "case.replied");
        var id = created.GetProperty("id").GetString()!;

        (await _admin.PostJsonAsync("/api/webhooks/deliveries/nope/redeliver", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await _admin.GetAsync($"/api/webhooks/{id}/deliveries?status=lost");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").TryGetProperty("status", out _).ShouldBeTrue();
        (await _admin.DeleteAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}

public sealed class WebhookEndpointsTests_on_Sqlite(SqliteApp fixture) : WebhookEndpointsTests(fixture), IClassFixture<SqliteApp>;

public sealed class WebhookEndpointsTests_on_PostgreSql(PostgresApp fixture) : WebhookEndpointsTests(fixture), IClassFixture<PostgresApp>;
