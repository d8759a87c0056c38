using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Sla;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Persistence;

/// <summary>The silo over a real database; every test runs on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class SiloStorageTests(StorageKind kind) : SiloOnDatabase(kind)
{
    private IGrainFactory Grains => Silo.Get<IGrainFactory>();

    private static CaseActor Manager => new("wzyc", "manager");

    private Task<CaseState> OpenCaseAsync(SiloHost? silo = null, string citizen = "citizen-1") =>
        (silo ?? Silo).Get<CaseService>().OpenAsync(new OpenCase(
            CaseActor.System("wzyc"), "wzyc", citizen, "金凤区正源街小区暖气不热", "城乡建设", "供暖", "640106", CaseUrgency.Urgent));

    [Fact]
    public async Task First_start_seeds_the_matrix_and_a_restart_keeps_it_without_seeding_again()
    {
        var seeded = Silo.Get<AccountDirectory>().All.Count;
        seeded.ShouldBeGreaterThanOrEqualTo(400);

        await using var restarted = await Database.StartSiloAsync();

        restarted.Get<AccountDirectory>().All.Count.ShouldBe(seeded);
        await using var db = await restarted.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        (await db.Accounts.CountAsync()).ShouldBe(seeded);
        (await db.SchemaVersions.Select(v => v.Version).ToListAsync()).Order().ShouldBe(SchemaMigrator.Versions);
    }

    [Fact]
    public async Task ADatabase_made_before_a_migration_step_is_upgraded_at_start_up()
    {
        await using (var db = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync())
        {
            // Back to what a version-1 database looked like.
            await db.Database.ExecuteSqlRawAsync(
                // Step 10's views read case columns dropped below: they go first (as they must in any later step that drops such a column).
                "DROP VIEW account_day_metrics_recomputed; DROP VIEW case_metric_facts; DROP TABLE account_day_metrics; " +
                "DROP TABLE users; DROP TABLE data_protection_keys; DROP TABLE posts; DROP TABLE routing_rules; DROP TABLE sla_templates; DROP TABLE audit_log; " +
                "ALTER TABLE cases DROP COLUMN \"FirstResponseDue\"; ALTER TABLE cases DROP COLUMN \"SourcePostKey\"; " +
                "ALTER TABLE cases DROP COLUMN \"IncidentId\"; ALTER TABLE case_events DROP COLUMN \"PostKey\"; " +
                "DROP INDEX \"IX_case_events_LiveSeq\"; DROP INDEX \"IX_case_events_Unsequenced\"; ALTER TABLE case_events DROP COLUMN \"LiveSeq\"; " +
                "DROP INDEX \"IX_cases_Status_Deadline_AccountId\"; DROP INDEX \"IX_cases_ClosedAt\"; DROP TABLE live_messages; DROP TABLE live_event_accounts; " +
                "ALTER TABLE cases DROP COLUMN \"SlaWorkingTime\"; ALTER TABLE cases DROP COLUMN \"FirstResponseSlaStage\"; " +
                "ALTER TABLE cases DROP COLUMN \"ResolutionSlaStage\";");
            await db.SchemaVersions.Where(v => v.Version > 1).ExecuteDeleteAsync();
        }

        await using var upgraded = await Database.StartSiloAsync();

        await using var check = await upgraded.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        (await check.SchemaVersions.Select(v => v.Version).ToListAsync()).Order().ShouldBe(SchemaMigrator.Versions);
        (await check.Users.CountAsync()).ShouldBe(0);
        (await check.DataProtectionKeys.CountAsync()).ShouldBe(0);
        (await check.Posts.CountAsync()).ShouldBe(0);
        (await check.SlaTemplates.CountAsync()).ShouldBe(SlaTemplates.Defaults.Count);
        var opened = await OpenCaseAsync(upgraded);
        (await upgraded.Get<CaseService>().GetAsync(opened.Id))!.SourcePostKey.ShouldBeNull();
        var forwarded = await upgraded.Get<CaseService>().ExecuteAsync(opened.Id, new ForwardCase(Manager, "ent-heating-1", DateTimeOffset.UtcNow.AddDays(1), null));
        forwarded.FirstResponseDue.ShouldNotBeNull();
        (await check.SlaTemplates.AsNoTracking().Select(t => t.WorkingDays).ToListAsync()).ShouldAllBe(w => !w);
    }

    [Fact]
    public async Task A_thousand_concurrent_calls_to_one_account_grain_leave_exact_counters()
    {
        var account = Grains.GetGrain<IAccountGrain>("street-640104001");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => account.RecordCaseReceivedAsync())));
        await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(() => account.RecordCaseReleasedAsync())));

        var live = await account.GetAsync();
        live!.CasesReceived.ShouldBe(1000);
        live.CasesOpen.ShouldBe(600);
        await using var restarted = await Database.StartSiloAsync();
        var stored = await restarted.Get<IGrainFactory>().GetGrain<IAccountGrain>("street-640104001").GetAsync();
        stored!.CasesReceived.ShouldBe(1000);
        stored.CasesOpen.ShouldBe(600);
    }

    [Fact]
    public async Task Two_hosts_on_oneDatabase_neither_lose_nor_double_account_updates()
    {
        await using var second = await Database.StartSiloAsync();
        var here = Grains.GetGrain<IAccountGrain>("community-640104001002");
        var there = second.Get<IGrainFactory>().GetGrain<IAccountGrain>("community-640104001002");

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            i % 2 == 0 ? here.RecordCaseReceivedAsync() : there.RecordCaseReceivedAsync())));

        await using var third = await Database.StartSiloAsync();
        var stored = await third.Get<IGrainFactory>().GetGrain<IAccountGrain>("community-640104001002").GetAsync();
        stored!.CasesReceived.ShouldBe(300);
    }

    [Fact]
    public async Task Two_hosts_on_oneDatabase_neither_lose_nor_double_case_transitions()
    {
        await using var second = await Database.StartSiloAsync();
        var opened = await OpenCaseAsync();
        var here = Grains.GetGrain<ICaseGrain>(opened.Id);
        var there = second.Get<IGrainFactory>().GetGrain<ICaseGrain>(opened.Id);

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            (i % 2 == 0 ? here : there).ExecuteAsync(new SuperviseCase(new CaseActor("jiwei", $"u{i}"), 1 + i % 3, $"督办 {i}")))));

        await using var third = await Database.StartSiloAsync();
        var stored = await third.Get<CaseService>().GetAsync(opened.Id);
        stored!.Timeline.Count(e => e.Action == CaseAction.Supervise).ShouldBe(60);
        stored.Timeline.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 61));
        stored.Timeline.Select(e => e.Reason).Distinct().Count().ShouldBe(61);
        stored.SupervisionLevel.ShouldBe(3);
        stored.Version.ShouldBe(61);
    }

    [Fact]
    public async Task A_stale_write_fails_with_a_conflict_and_changes_nothing()
    {
        var opened = await OpenCaseAsync();
        var storage = Silo.Get<IGrainStorage<CaseState>>();
        var fresh = new GrainState<CaseState>(new CaseState());
        var stale = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync(opened.Id, fresh);
        await storage.ReadStateAsync(opened.Id, stale);

        fresh.State.Text = "first writer";
        await storage.WriteStateAsync(opened.Id, fresh);
        stale.State.Text = "stale writer";
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync(opened.Id, stale));

        var check = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync(opened.Id, check);
        check.State.Text.ShouldBe("first writer");
        check.ETag.ShouldBe(fresh.ETag);
    }

    [Fact]
    public async Task Creating_an_existing_record_without_an_etag_is_a_conflict()
    {
        var opened = await OpenCaseAsync();
        var storage = Silo.Get<IGrainStorage<CaseState>>();
        var blind = new GrainState<CaseState>(new CaseState { Id = opened.Id, Text = "blind insert", Category = "其他" });

        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync(opened.Id, blind));

        (await Silo.Get<CaseService>().GetAsync(opened.Id))!.Text.ShouldBe(opened.Text);
    }

    [Fact]
    public async Task A_restart_keeps_every_case_with_its_timeline()
    {
        var service = Silo.Get<CaseService>();
        var opened = await OpenCaseAsync();
        await service.ExecuteAsync(opened.Id, new ForwardCase(Manager, "ent-heating-1", DateTimeOffset.UtcNow.AddDays(1), null));
        await service.ExecuteAsync(opened.Id, new AcceptCase(new CaseActor("ent-heating-1", "heating-officer")));
        var before = await service.GetAsync(opened.Id);

        await using var restarted = await Database.StartSiloAsync();
        var after = await restarted.Get<CaseService>().GetAsync(opened.Id);

        after.ShouldNotBeNull();
        after.Status.ShouldBe(CaseStatus.Accepted);
        after.AccountId.ShouldBe("ent-heating-1");
        after.Timeline.Select(e => (e.Seq, e.Action, e.ActorUserId)).ShouldBe(before!.Timeline.Select(e => (e.Seq, e.Action, e.ActorUserId)));
        (after.Deadline!.Value - before.Deadline!.Value).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
    }

    [Fact]
    public async Task Deactivating_an_account_hands_its_open_cases_to_its_parent_and_loses_none()
    {
        var service = Silo.Get<CaseService>();
        var street = "street-640104002";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var opened = await OpenCaseAsync(citizen: $"c{i}");
            await service.ExecuteAsync(opened.Id, new ForwardCase(Manager, street, DateTimeOffset.UtcNow.AddDays(2), null));
            ids.Add(opened.Id);
        }
        var closedOne = ids[0];
        await service.ExecuteAsync(closedOne, new AcceptCase(new CaseActor(street, "o")));
        await service.ExecuteAsync(closedOne, new ReplyCase(new CaseActor(street, "o"), "已处理"));
        await service.ExecuteAsync(closedOne, new CloseCase(new CaseActor(street, "o"), null));

        var (account, moved) = await Silo.Get<AccountAdministration>().DeactivateAsync(street);

        account.Active.ShouldBeFalse();
        moved.Order().ShouldBe(ids.Skip(1).Order());
        foreach (var id in ids.Skip(1))
        {
            var state = await service.GetAsync(id);
            state!.AccountId.ShouldBe("district-640104");
            state.Status.ShouldBe(CaseStatus.Returned);
            state.Timeline[^1].Action.ShouldBe(CaseAction.Reassign);
        }
        (await service.GetAsync(closedOne))!.AccountId.ShouldBe(street);
    }

    [Fact]
    public async Task A_deactivation_interrupted_before_its_cases_moved_is_finished_at_start_up()
    {
        var service = Silo.Get<CaseService>();
        var opened = await OpenCaseAsync();
        await service.ExecuteAsync(opened.Id, new ForwardCase(Manager, "community-640104001003", DateTimeOffset.UtcNow.AddDays(2), null));
        // The account write alone, as if the process died before the sweep.
        await Grains.GetGrain<IAccountGrain>("community-640104001003").DeactivateAsync();

        await using var restarted = await Database.StartSiloAsync();

        var state = await restarted.Get<CaseService>().GetAsync(opened.Id);
        state!.AccountId.ShouldBe("street-640104001");
        state.Status.ShouldBe(CaseStatus.Returned);
    }

    [Fact]
    public async Task Accounts_can_be_added_renamed_and_moved_but_never_into_a_cycle()
    {
        var admin = Silo.Get<AccountAdministration>();

        var added = await admin.AddAsync(new NewAccount("community-new-1", "@新社区", AccountKind.Community, "street-640104001", null, ["640104001"], ["城乡建设"]));
        var renamed = await admin.RenameAsync(added.Id, "@幸福社区");
        var moved = await admin.MoveAsync(added.Id, "street-640104002");
        var cycle = await Should.ThrowAsync<AccountRuleException>(() => admin.MoveAsync("district-640104", "street-640104001"));
        var unknownParent = await Should.ThrowAsync<AccountRuleException>(() =>
            admin.AddAsync(new NewAccount("community-new-2", "@x", AccountKind.Community, "nobody", null, [], [])));
        var duplicate = await Should.ThrowAsync<AccountRuleException>(() =>
            admin.AddAsync(new NewAccount("community-new-1", "@x", AccountKind.Community, "street-640104001", null, [], [])));

        renamed.DisplayName.ShouldBe("@幸福社区");
        moved.ParentId.ShouldBe("street-640104002");
        cycle.Field.ShouldBe("parentId");
        unknownParent.Field.ShouldBe("parentId");
        duplicate.Error.ShouldBe(DomainError.Conflict);
        await using var restarted = await Database.StartSiloAsync();
        var stored = restarted.Get<AccountDirectory>().Find("community-new-1");
        stored!.DisplayName.ShouldBe("@幸福社区");
        stored.ParentId.ShouldBe("street-640104002");
        restarted.Get<AccountDirectory>().Find("district-640104")!.ParentId.ShouldBe("wzyc");
    }

    [Fact]
    public async Task Merging_a_duplicate_records_it_on_both_cases()
    {
        var service = Silo.Get<CaseService>();
        var first = await OpenCaseAsync(citizen: "a");
        var duplicate = await OpenCaseAsync(citizen: "b");

        var merged = await service.ExecuteAsync(duplicate.Id, new MergeCase(Manager, first.Id, "同一小区供暖问题"));

        merged.Status.ShouldBe(CaseStatus.Merged);
        merged.MergedIntoId.ShouldBe(first.Id);
        var survivor = await service.GetAsync(first.Id);
        survivor!.Timeline[^1].Action.ShouldBe(CaseAction.AbsorbDuplicate);
        survivor.Timeline[^1].RelatedCaseId.ShouldBe(duplicate.Id);
        var intoMerged = await Should.ThrowAsync<CaseRuleException>(() => service.ExecuteAsync(first.Id, new MergeCase(Manager, duplicate.Id, null)));
        intoMerged.Field.ShouldBe("intoCaseId");
    }
}

public sealed class SiloStorageTests_on_Sqlite() : SiloStorageTests(StorageKind.Sqlite);

public sealed class SiloStorageTests_on_PostgreSql() : SiloStorageTests(StorageKind.PostgreSql);
