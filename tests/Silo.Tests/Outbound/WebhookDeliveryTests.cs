using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Outbound;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Outbound;

/// <summary>
/// The outbox and the delivery worker against a real HTTP receiver, with the clock moved by hand; every
/// test runs on SQLite and on PostgreSQL (subclasses below).
/// </summary>
public abstract class WebhookDeliveryTests(StorageKind kind) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly ManualTimeProvider _time = new();

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(kind);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static async Task<List<T>> AllAsync<T>(SiloHost silo, Func<CityMatrixDbContext, IQueryable<T>> query)
    {
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await query(db).ToListAsync();
    }

    private static Task<WebhookSubscription> SubscribeAsync(SiloHost silo, string url, params string[] events) =>
        silo.Get<WebhookSubscriptions>().CreateAsync(new NewWebhook(url, "a-secret-of-sixteen+", events), "admin");

    [Fact]
    public async Task Public_steps_of_a_case_write_one_event_each_in_the_case_transaction_and_internal_steps_none()
    {
        await using var silo = await OutboundTestSilo.StartAsync(_database, _time);

        var replied = await OutboundTestSilo.RepliedCaseAsync(silo, _time, "已处理");
        var events = await AllAsync(silo, db => db.OutboundEvents.Where(e => e.CaseId == replied.Id));
        events.Select(e => e.Type).ShouldBe([OutboundEventTypes.Replied]);
        await silo.Get<CaseService>().ExecuteAsync(replied.Id, new CloseCase(OutboundTestSilo.Heating, "办结"));

        events = await AllAsync(silo, db => db.OutboundEvents.Where(e => e.CaseId == replied.Id).OrderBy(e => e.Seq));
        events.Select(e => e.Type).ShouldBe([OutboundEventTypes.Replied, OutboundEventTypes.Closed]);
        var reply = events[0];
        reply.Id.ShouldBe(OutboundEvent.IdOf(replied.Id, replied.Timeline[^1].Seq));
        reply.Text.ShouldBe("已处理");
        reply.AccountId.ShouldBe("ent-heating-1");
        reply.Payload.ShouldContain("\"reply\":\"已处理\"");
        reply.Payload.ShouldNotContain("citizen-1");
        events[1].Text.ShouldBe("办结");
    }

    [Fact]
    public async Task A_failing_receiver_gets_the_same_signed_event_again_after_growing_back_off_until_it_answers()
    {
        await using var receiver = new WebhookReceiver(failFirst: 2);
        await using var silo = await OutboundTestSilo.StartAsync(_database, _time);
        var subscription = await SubscribeAsync(silo, receiver.Url, OutboundEventTypes.Replied);
        var @case = await OutboundTestSilo.RepliedCaseAsync(silo, _time);
        var worker = silo.Get<WebhookDeliveryWorker>();

        (await worker.PumpAsync()).ShouldBe(1);
        var delivery = (await AllAsync(silo, db => db.WebhookDeliveries)).ShouldHaveSingleItem();
        delivery.Status.ShouldBe(DeliveryStatus.Pending);
        delivery.Attempts.ShouldBe(1);
        delivery.LastError!.ShouldContain("HTTP 500");
        delivery.NextAttemptAt.ShouldBeInRange(_time.GetUtcNow() + OutboundTestSilo.BaseDelay / 2, _time.GetUtcNow() + OutboundTestSilo.BaseDelay);

        (await worker.PumpAsync()).ShouldBe(0, "not due yet");
        _time.Advance(OutboundTestSilo.BaseDelay);
        (await worker.PumpAsync()).ShouldBe(1);
        delivery = (await AllAsync(silo, db => db.WebhookDeliveries)).Single();
        delivery.Attempts.ShouldBe(2);
        delivery.NextAttemptAt.ShouldBeInRange(_time.GetUtcNow() + OutboundTestSilo.BaseDelay, _time.GetUtcNow() + 2 * OutboundTestSilo.BaseDelay);

        _time.Advance(2 * OutboundTestSilo.BaseDelay);
        (await worker.PumpAsync()).ShouldBe(1);
        delivery = (await AllAsync(silo, db => db.WebhookDeliveries)).Single();
        delivery.Status.ShouldBe(DeliveryStatus.Delivered);
        delivery.DeliveredAt.ShouldBe(_time.GetUtcNow());
        (await AllAsync(silo, db => db.WebhookAttempts.Where(a => a.DeliveryId == delivery.Id))).Select(a => a.StatusCode).ShouldBe([500, 500, 200], ignoreOrder: true);

        var requests = receiver.Requests.ToList();
        requests.Count.ShouldBe(3);
        var eventId = OutboundEvent.IdOf(@case.Id, @case.Timeline[^1].Seq);
        requests.ShouldAllBe(r => r.Headers[WebhookSignature.IdempotencyKeyHeader] == eventId && r.Headers[WebhookSignature.EventHeader] == OutboundEventTypes.Replied);
        requests.Select(r => r.Body).Distinct().ShouldHaveSingleItem();
        requests.Select(r => r.Headers[WebhookSignature.AttemptHeader]).ShouldBe(["1", "2", "3"]);
        foreach (var request in requests)
        {
            WebhookSignature.Verify(subscription.Secret, long.Parse(request.Headers[WebhookSignature.TimestampHeader]), request.Body, request.Headers[WebhookSignature.SignatureHeader])
                .ShouldBeTrue();
            WebhookSignature.Verify("another-secret-entirely", long.Parse(request.Headers[WebhookSignature.TimestampHeader]), request.Body, request.Headers[WebhookSignature.SignatureHeader])
                .ShouldBeFalse();
        }
    }

    [Fact]
    public async Task A_delivery_failing_every_attempt_stays_dead_with_its_last_error_until_an_administrator_redelivers_it()
    {
        await using var receiver = new WebhookReceiver(failFirst: int.MaxValue);
        await using var silo = await OutboundTestSilo.StartAsync(_database, _time, maxAttempts: 3);
        await SubscribeAsync(silo, receiver.Url, OutboundEventTypes.Replied);
        await OutboundTestSilo.RepliedCaseAsync(silo, _time);
        var worker = silo.Get<WebhookDeliveryWorker>();

        for (var i = 0; i < 5; i++)
        {
            await worker.PumpAsync();
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var dead = (await AllAsync(silo, db => db.WebhookDeliveries)).ShouldHaveSingleItem();
        dead.Status.ShouldBe(DeliveryStatus.Dead);
        dead.Attempts.ShouldBe(3);
        dead.LastError.ShouldBe("HTTP 500 Internal Server Error: receiver down for maintenance");
        receiver.Requests.Count.ShouldBe(3);

        receiver.FailFirst = 0;
        var again = await silo.Get<WebhookSubscriptions>().RedeliverAsync(dead.Id);
        again.Status.ShouldBe(DeliveryStatus.Pending);
        (await worker.PumpAsync()).ShouldBe(1);
        var (delivered, attempts) = await silo.Get<WebhookSubscriptions>().DeliveryAsync(dead.Id);
        delivered.Status.ShouldBe(DeliveryStatus.Delivered);
        attempts.Count.ShouldBe(4);
        attempts[^1].StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Events_left_pending_by_a_stopped_server_are_delivered_by_the_next_one_on_the_same_database()
    {
        await using var receiver = new WebhookReceiver(failFirst: 1);
        string failedOnce, neverTried;
        await using (var first = await OutboundTestSilo.StartAsync(_database, _time))
        {
            await SubscribeAsync(first, receiver.Url, OutboundEventTypes.Replied, OutboundEventTypes.Closed);
            var @case = await OutboundTestSilo.RepliedCaseAsync(first, _time);
            (await first.Get<WebhookDeliveryWorker>().PumpAsync()).ShouldBe(1);
            failedOnce = OutboundEvent.IdOf(@case.Id, @case.Timeline[^1].Seq);
            // Closed, then the server stops before its worker ever sees the event.
            var closed = await first.Get<CaseService>().ExecuteAsync(@case.Id, new CloseCase(OutboundTestSilo.Heating, null));
            neverTried = OutboundEvent.IdOf(closed.Id, closed.Timeline[^1].Seq);
        }

        await using var second = await OutboundTestSilo.StartAsync(_database, _time);
        _time.Advance(TimeSpan.FromMinutes(1));
        (await second.Get<WebhookDeliveryWorker>().PumpAsync()).ShouldBe(2);

        (await AllAsync(second, db => db.WebhookDeliveries)).ShouldAllBe(d => d.Status == DeliveryStatus.Delivered);
        receiver.Requests.Where(r => r.AnsweredWith == 200).Select(r => r.Headers[WebhookSignature.EventIdHeader]).ShouldBe([failedOnce, neverTried], ignoreOrder: true);
    }

    [Fact]
    public async Task A_subscription_gets_only_its_event_types_and_a_deleted_one_gets_nothing_more()
    {
        await using var receiver = new WebhookReceiver();
        await using var silo = await OutboundTestSilo.StartAsync(_database, _time);
        var closedOnly = await SubscribeAsync(silo, receiver.Url, OutboundEventTypes.Closed);
        var deleted = await SubscribeAsync(silo, receiver.Url, OutboundEventTypes.Replied);
        var @case = await OutboundTestSilo.RepliedCaseAsync(silo, _time);
        await silo.Get<WebhookSubscriptions>().DeleteAsync(deleted.Id);
        await silo.Get<CaseService>().ExecuteAsync(@case.Id, new CloseCase(OutboundTestSilo.Heating, null));

        await silo.Get<WebhookDeliveryWorker>().PumpAsync();

        var deliveries = await AllAsync(silo, db => db.WebhookDeliveries);
        deliveries.ShouldHaveSingleItem().SubscriptionId.ShouldBe(closedOnly.Id);
        receiver.Requests.ShouldHaveSingleItem().Headers[WebhookSignature.EventHeader].ShouldBe(OutboundEventTypes.Closed);
        (await silo.Get<WebhookSubscriptions>().ListAsync()).Select(s => s.Id).ShouldBe([closedOnly.Id]);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_recorded_as_a_failed_attempt_not_an_error_of_the_worker()
    {
        int port;
        await using (var gone = new WebhookReceiver()) port = gone.Port;
        await using var silo = await OutboundTestSilo.StartAsync(_database, _time);
        await SubscribeAsync(silo, $"http://127.0.0.1:{port}/hook/", OutboundEventTypes.Replied);
        await OutboundTestSilo.RepliedCaseAsync(silo, _time);

        (await silo.Get<WebhookDeliveryWorker>().PumpAsync()).ShouldBe(1);

        var delivery = (await AllAsync(silo, db => db.WebhookDeliveries)).ShouldHaveSingleItem();
        delivery.Status.ShouldBe(DeliveryStatus.Pending);
        delivery.LastStatusCode.ShouldBeNull();
        delivery.LastError.ShouldNotBeNullOrWhiteSpace();
    }
}

public sealed class WebhookDeliveryTests_on_Sqlite() : WebhookDeliveryTests(StorageKind.Sqlite);

public sealed class WebhookDeliveryTests_on_PostgreSql() : WebhookDeliveryTests(StorageKind.PostgreSql);
