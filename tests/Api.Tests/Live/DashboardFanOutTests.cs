using System.Net;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Api.Tests.Live;

/// <summary>Two server processes on one PostgreSQL database: a dashboard on either sees every event once.</summary>
public sealed class DashboardFanOutTests : TwoServersOnOneDatabase
{
    [Fact]
    public async Task A_client_on_one_server_sees_cases_created_on_the_other_once_and_in_order()
    {
        var (_, token) = await First.SignInAsync("wzyc");
        var (onSecond, _) = await Second.SignInAsync("wzyc");
        await using var dashboardOnFirst = await DashboardTestClient.ConnectAsync(First, token);
        await using var dashboardOnSecond = await DashboardTestClient.ConnectAsync(Second, token);
        await dashboardOnFirst.SubscribeAsync();
        await dashboardOnSecond.SubscribeAsync();

        var ids = new List<string>();
        foreach (var text in new[] { "丽景街路面塌陷", "丽景街路灯不亮", "丽景街噪音扰民" })
        {
            var opened = await onSecond.PostJsonAsync("/api/cases", new { citizenId = "citizen1", text, category = "城乡建设" });
            opened.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids.Add((await opened.JsonAsync()).GetProperty("id").GetString()!);
        }
        var (lastOnFirst, beforeOnFirst) = await dashboardOnFirst.NextEventAsync("case.created", ids[^1]);
        var (lastOnSecond, beforeOnSecond) = await dashboardOnSecond.NextEventAsync("case.created", ids[^1]);

        var onFirst = beforeOnFirst.Append(lastOnFirst).Where(e => e.GetProperty("type").GetString() == "case.created").ToList();
        onFirst.Select(e => e.GetProperty("caseId").GetString()).ShouldBe(ids);
        onFirst.Select(e => e.GetProperty("seq").GetInt64()).ShouldBeInOrder(SortDirection.Ascending);
        beforeOnSecond.Append(lastOnSecond).Select(e => e.GetProperty("seq").GetInt64())
            .ShouldBe(beforeOnFirst.Append(lastOnFirst).Select(e => e.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task An_event_published_on_one_server_reaches_clients_of_both_once_including_a_large_one()
    {
        var (_, token) = await First.SignInAsync("zhujian");
        await using var onFirst = await DashboardTestClient.ConnectAsync(First, token);
        await using var onSecond = await DashboardTestClient.ConnectAsync(Second, token);
        await onFirst.SubscribeAsync();
        await onSecond.SubscribeAsync();
        var publisher = First.Services.GetRequiredService<ILiveEventPublisher>();
        var at = DateTimeOffset.UtcNow;

        publisher.Publish(new LiveEvent(LiveEventTypes.SlaWarning, at, ["bureau-zhujian"], "case-x", "640104", new { due = at.AddHours(1) }));
        publisher.Publish(new LiveEvent(LiveEventTypes.Tiles, at, [], Data: new { rows = Enumerable.Range(0, 400).Select(i => new { accountId = $"account-{i}", open = i }).ToList() }));
        publisher.Publish(new LiveEvent(LiveEventTypes.Surge, at, ["bureau-zhujian"], RegionCode: "640104", Data: new { topic = "供暖", count = 129 }));
        var firstGot = new[] { await onFirst.NextEventAsync(), await onFirst.NextEventAsync(), await onFirst.NextEventAsync() };
        var secondGot = new[] { await onSecond.NextEventAsync(), await onSecond.NextEventAsync(), await onSecond.NextEventAsync() };
        // A marker from the other server: the first server hears it after its own notifications of the three,
        // so an echo of them (a duplicate) would arrive before it.
        Second.Services.GetRequiredService<ILiveEventPublisher>().Publish(new LiveEvent("test.marker", at, []));
        var nextOnFirst = await onFirst.NextEventAsync();
        var nextOnSecond = await onSecond.NextEventAsync();

        foreach (var got in new[] { firstGot, secondGot })
        {
            got.Select(e => e.GetProperty("type").GetString()).ShouldBe([LiveEventTypes.SlaWarning, LiveEventTypes.Tiles, LiveEventTypes.Surge]);
            got[1].GetProperty("data").GetProperty("rows").GetArrayLength().ShouldBe(400);
            got[2].GetProperty("data").GetProperty("count").GetInt32().ShouldBe(129);
            got.ShouldAllBe(e => e.GetProperty("seq").ValueKind == System.Text.Json.JsonValueKind.Null);
        }
        nextOnFirst.GetProperty("type").GetString().ShouldBe("test.marker");
        nextOnSecond.GetProperty("type").GetString().ShouldBe("test.marker");
    }
}
