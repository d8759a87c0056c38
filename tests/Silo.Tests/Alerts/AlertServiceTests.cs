using CityMatrix.Silo.Alerts;
using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Alerts.Storage;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Alerts;

/// <summary>Sending, authorisation, audit, references and delivery on a real database (SQLite and PostgreSQL below).</summary>
public abstract class AlertServiceTests(StorageKind kind) : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private TestDatabase _database = null!;
    private AlertSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silo = await AlertSilo.StartAsync(_database, _time);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    private AlertService Service => _silo.Get<AlertService>();
    private AlertStore Store => _silo.Get<AlertStore>();

    private Task<AlertRecord> SendAsync(CapAlert alert, string account = "district-640104", string? ip = "10.1.2.3") =>
        Service.SubmitAsync(new AlertSubmission(alert, AlertSilo.Broadcaster(account), account, ip));

    private static string Reference(AlertRecord record) => $"{record.Sender},{record.Identifier},{CapTime.Format(record.Sent.ToOffset(TimeSpan.FromHours(8)))}";

    [Fact]
    public async Task A_district_alert_reaches_clients_inside_the_district_and_nobody_outside()
    {
        var inside = _silo.Connect("old-town", 38.470, 106.285);
        var west = _silo.Connect("xixia", 38.490, 106.130);

        await SendAsync(CapFixtures.Alert("yc-1", CapFixtures.Region("兴庆区", "640104")));
        await _silo.Pushes.WaitUntilAsync(p => p.RecipientsOf("yc-1").Count > 0);

        _silo.Pushes.RecipientsOf("yc-1").ShouldBe([inside.ConnectionId]);
        _silo.Pushes.SentTo(west.ConnectionId).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_send_is_audited_with_user_account_time_and_address()
    {
        await SendAsync(CapFixtures.Alert("yc-audit", CapFixtures.Circle("老城", 38.47, 106.28, 2)), ip: "192.0.2.7");

        var entry = (await Store.AuditTrailAsync("yc-audit", 10)).Single();

        (entry.UserId, entry.AccountId, entry.Outcome, entry.RemoteIp, entry.MsgType).ShouldBe(("u-district-640104", "district-640104", "Accepted", "192.0.2.7", "Alert"));
        entry.At.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task A_district_cannot_alert_another_district_and_the_attempt_is_audited()
    {
        var refused = await Should.ThrowAsync<AlertRuleException>(() =>
            SendAsync(CapFixtures.Alert("yc-foreign", CapFixtures.Region("西夏区", "640105"))));
        var polygon = await Should.ThrowAsync<AlertRuleException>(() =>
            SendAsync(CapFixtures.Alert("yc-foreign-2", CapFixtures.Circle("西夏", 38.49, 106.13, 3))));

        (refused.Error, refused.Field, polygon.Error).ShouldBe((DomainError.Forbidden, "info[0].area[0].geocode", DomainError.Forbidden));
        (await Store.FindAsync("yc-foreign")).ShouldBeNull();
        (await Store.AuditTrailAsync("yc-foreign", 10)).Single().Outcome.ShouldBe("Forbidden");
    }

    [Fact]
    public async Task Only_broadcasters_send_and_only_for_their_own_accounts()
    {
        var alert = CapFixtures.Alert("yc-who", CapFixtures.Region("兴庆区", "640104"));

        var citizen = await Should.ThrowAsync<AlertRuleException>(() => Service.SubmitAsync(new AlertSubmission(alert, AlertSilo.User("c1", ["citizen"], "district-640104"), "district-640104", null)));
        var notMine = await Should.ThrowAsync<AlertRuleException>(() => Service.SubmitAsync(new AlertSubmission(alert, AlertSilo.Broadcaster("district-640105"), "district-640104", null)));
        var anonymous = await Should.ThrowAsync<AlertRuleException>(() => Service.SubmitAsync(new AlertSubmission(alert, new System.Security.Claims.ClaimsPrincipal(), "district-640104", null)));

        new[] { citizen.Error, notMine.Error, anonymous.Error }.ShouldAllBe(e => e == DomainError.Forbidden);
        (await Store.FindAsync("yc-who")).ShouldBeNull();
    }

    [Fact]
    public async Task The_city_account_may_alert_the_whole_city_but_not_beyond_it()
    {
        await SendAsync(CapFixtures.Alert("yc-city", CapFixtures.Region("银川市", "6401")), account: "weiboyc");
        var beyond = await Should.ThrowAsync<AlertRuleException>(() =>
            SendAsync(CapFixtures.Alert("yc-lanzhou", CapFixtures.Circle("兰州", 36.06, 103.83, 10)), account: "weiboyc"));

        (await Store.FindAsync("yc-city")).ShouldNotBeNull();
        beyond.Error.ShouldBe(DomainError.Forbidden);
    }

    [Fact]
    public async Task Invalid_alerts_are_refused_with_every_fault_and_nothing_is_stored()
    {
        var alert = CapFixtures.Alert("yc-bad", CapFixtures.Region("兴庆区", "640104"));
        alert.Sent = "2026-11-15T01:00:00Z";
        alert.Info[0].Urgency = "Soon";
        alert.Info[0].Area.Add(new CapArea { AreaDesc = "外地", Geocode = [new CapValuePair { ValueName = "SAME", Value = "006109" }] });

        var refused = await Should.ThrowAsync<AlertFaultsException>(() => SendAsync(alert));

        refused.Faults.ToDictionary().Keys.ShouldBe(["info[0].area[1].geocode", "info[0].urgency", "sent"], ignoreOrder: true);
        (await Store.FindAsync("yc-bad")).ShouldBeNull();
    }

    [Fact]
    public async Task References_must_resolve_and_an_identifier_is_used_once()
    {
        var original = await SendAsync(CapFixtures.Alert("yc-orig", CapFixtures.Region("兴庆区", "640104")));

        var unknown = await Should.ThrowAsync<AlertFaultsException>(() => SendAsync(CapFixtures.Alert("yc-upd", CapFixtures.Region("兴庆区", "640104"),
            msgType: "Update", references: "district-640104,yc-nothing,2026-11-15T09:00:00+08:00")));
        var wrongSent = await Should.ThrowAsync<AlertFaultsException>(() => SendAsync(CapFixtures.Alert("yc-upd", CapFixtures.Region("兴庆区", "640104"),
            msgType: "Update", references: "district-640104,yc-orig,2026-11-15T08:00:00+08:00")));
        var duplicate = await Should.ThrowAsync<AlertRuleException>(() => SendAsync(CapFixtures.Alert("yc-orig", CapFixtures.Region("兴庆区", "640104"))));
        await SendAsync(CapFixtures.Alert("yc-upd", CapFixtures.Region("兴庆区", "640104"), msgType: "Update", references: Reference(original)));

        unknown.Faults.Has("references[0]").ShouldBeTrue();
        wrongSent.Faults.Has("references[0]").ShouldBeTrue();
        duplicate.Error.ShouldBe(DomainError.Conflict);
        (await Store.FindAsync("yc-orig"))!.ReplacedBy.ShouldBe("yc-upd");
        (await Store.InForceAsync()).Select(a => a.Identifier).ShouldBe(["yc-upd"]);
    }

    [Fact]
    public async Task Only_the_sending_account_may_update_or_cancel_its_alert()
    {
        var original = await SendAsync(CapFixtures.Alert("yc-mine", CapFixtures.Region("兴庆区", "640104")));

        var refused = await Should.ThrowAsync<AlertRuleException>(() => SendAsync(
            CapFixtures.Alert("yc-theirs", CapFixtures.Region("兴庆区", "640104"), sender: "weiboyc", msgType: "Cancel", references: Reference(original)), account: "weiboyc"));

        refused.Error.ShouldBe(DomainError.Forbidden);
        refused.Message.ShouldContain("district-640104");
    }

    [Fact]
    public async Task A_client_arriving_while_the_alert_is_in_force_gets_it_then_and_not_after_expiry()
    {
        _silo.Connect("witness", 38.47, 106.28);
        await SendAsync(CapFixtures.Alert("yc-late", CapFixtures.Circle("老城", 38.47, 106.28, 3), lifetime: TimeSpan.FromHours(1)));
        var dispatcher = _silo.Get<AlertDispatcher>();
        await _silo.Pushes.WaitUntilAsync(p => p.SentTo("witness").Count == 1);

        var early = _silo.Connect("early", 38.47, 106.28);
        await dispatcher.ClientMovedAsync(early);
        var mover = _silo.Connect("mover", 38.10, 106.34);
        await dispatcher.ClientMovedAsync(mover);
        var beforeMove = _silo.Pushes.SentTo("mover").Count;
        _silo.Get<ClientRegistry>().MoveTo(mover, 38.471, 106.281);
        await dispatcher.ClientMovedAsync(mover);
        await dispatcher.ClientMovedAsync(mover);
        _time.Advance(TimeSpan.FromHours(2));
        var tooLate = _silo.Connect("too-late", 38.47, 106.28);
        await dispatcher.ClientMovedAsync(tooLate);

        _silo.Pushes.SentTo("early").ShouldBe(["yc-late"]);
        (beforeMove, _silo.Pushes.SentTo("mover").Count).ShouldBe((0, 1));
        _silo.Pushes.SentTo("too-late").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_update_reaches_everyone_who_got_the_original_and_a_cancel_too()
    {
        var first = _silo.Connect("first", 38.47, 106.28);
        var original = await SendAsync(CapFixtures.Alert("yc-a", CapFixtures.Circle("老城", 38.47, 106.28, 2)));
        await _silo.Pushes.WaitUntilAsync(p => p.SentTo("first").Count == 1);
        _silo.Get<ClientRegistry>().MoveTo(first, 38.10, 106.34); // walked out of the area since
        var newcomer = _silo.Connect("newcomer", 38.50, 106.30);   // only inside the updated, larger area

        var update = await SendAsync(CapFixtures.Alert("yc-b", CapFixtures.Circle("老城以北", 38.485, 106.30, 3), msgType: "Update", references: Reference(original)));
        await _silo.Pushes.WaitUntilAsync(p => p.RecipientsOf("yc-b").Count == 2);
        await SendAsync(CapFixtures.Alert("yc-c", CapFixtures.Circle("老城以北", 38.485, 106.30, 3), msgType: "Cancel", references: $"{Reference(original)} {Reference(update)}"));
        await _silo.Pushes.WaitUntilAsync(p => p.RecipientsOf("yc-c").Count == 2);
        var afterCancel = _silo.Connect("after-cancel", 38.47, 106.28);
        await _silo.Get<AlertDispatcher>().ClientMovedAsync(afterCancel);

        _silo.Pushes.SentTo("first").ShouldBe(["yc-a", "yc-b", "yc-c"]);
        _silo.Pushes.SentTo("newcomer").ShouldBe(["yc-b", "yc-c"]);
        _silo.Pushes.SentTo("after-cancel").ShouldBeEmpty();
    }

    [Fact]
    public async Task Test_and_exercise_alerts_reach_only_test_clients()
    {
        _silo.Connect("citizen", 38.47, 106.28);
        _silo.Connect("tester", 38.47, 106.28, test: true);

        await SendAsync(CapFixtures.Alert("yc-test", CapFixtures.Circle("老城", 38.47, 106.28, 2), status: "Test"));
        await SendAsync(CapFixtures.Alert("yc-drill", CapFixtures.Circle("老城", 38.47, 106.28, 2), status: "Exercise"));
        await SendAsync(CapFixtures.Alert("yc-real", CapFixtures.Circle("老城", 38.47, 106.28, 2)));
        await _silo.Pushes.WaitUntilAsync(p => p.RecipientsOf("yc-real").Count == 2 && p.RecipientsOf("yc-drill").Count == 1 && p.RecipientsOf("yc-test").Count == 1);

        _silo.Pushes.SentTo("citizen").ShouldBe(["yc-real"]);
        _silo.Pushes.SentTo("tester").ShouldBe(["yc-drill", "yc-real", "yc-test"], ignoreOrder: true);
    }

    [Fact]
    public async Task Receipts_count_targeted_delivered_and_acknowledged_with_latencies()
    {
        var a = _silo.Connect("a", 38.47, 106.28);
        _silo.Connect("b", 38.471, 106.281);
        await SendAsync(CapFixtures.Alert("yc-r", CapFixtures.Circle("老城", 38.47, 106.28, 2)));
        await _silo.Pushes.WaitUntilAsync(p => p.RecipientsOf("yc-r").Count == 2);
        _silo.Get<AlertDispatcher>().Acknowledge(a, "yc-r");
        _silo.Get<AlertDispatcher>().Acknowledge(a, "yc-unknown");
        await _silo.Get<ReceiptRecorder>().FlushAsync();

        var summary = (await Store.ReceiptSummaryAsync("yc-r"))!;

        (summary.Targeted, summary.Delivered, summary.Acknowledged).ShouldBe((2, 2, 1));
        summary.DeliveredP99Ms.ShouldBe(0); // the test clock does not move while delivering
        _silo.Pushes.Receipts.Last().ShouldBe(summary);
    }

    [Fact]
    public async Task A_restarted_server_still_serves_the_alerts_in_force_to_new_clients()
    {
        await SendAsync(CapFixtures.Alert("yc-restart", CapFixtures.Region("兴庆区", "640104000000")));
        await using var second = await AlertSilo.StartAsync(_database, _time);

        var client = second.Connect("later", 38.47, 106.285);
        await second.Get<AlertDispatcher>().ClientMovedAsync(client);

        second.Pushes.SentTo("later").ShouldBe(["yc-restart"]);
    }

    [Fact]
    public async Task Followers_see_the_accounts_alerts_in_their_feed()
    {
        await Store.FollowAsync("citizen-1", "district-640104");
        await Store.FollowAsync("citizen-1", "district-640104");
        await SendAsync(CapFixtures.Alert("yc-feed", CapFixtures.Region("兴庆区", "640104")));
        await SendAsync(CapFixtures.Alert("yc-feed-drill", CapFixtures.Region("兴庆区", "640104"), status: "Exercise"));

        (await Store.FeedAsync("citizen-1", 10)).Select(a => a.Identifier).ShouldBe(["yc-feed"]);
        (await Store.FeedAsync("citizen-2", 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Schema_step_5_creates_the_alert_tables_on_a_database_that_lacks_them()
    {
        await using (var db = await _silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"alert_follows\"; DROP TABLE \"alert_receipts\"; DROP TABLE \"alert_audit\"; DROP TABLE \"alerts\";");
            await db.SchemaVersions.Where(v => v.Version == 5).ExecuteDeleteAsync();
        }

        await _silo.Get<SchemaMigrator>().MigrateAsync();
        await SendAsync(CapFixtures.Alert("yc-migrated", CapFixtures.Region("兴庆区", "640104")));
        await Store.FollowAsync("c", "district-640104");

        (await Store.FindAsync("yc-migrated"))!.AccountId.ShouldBe("district-640104");
        (await Store.AuditTrailAsync("yc-migrated", 5)).Count.ShouldBe(1);
    }
}

public sealed class AlertServiceTests_on_Sqlite() : AlertServiceTests(StorageKind.Sqlite);

public sealed class AlertServiceTests_on_PostgreSql() : AlertServiceTests(StorageKind.PostgreSql);
