using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CityMatrix.EndToEnd.Tests.Browser;

/// <summary>
/// The supervisors' big screen (数据大屏) at 1920×1080 against the real metrics, surge and dashboard-hub APIs.
/// Tests in the browser collection run one after another, so no other test posts while one counts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenTests(BrowserServer browser, ITestOutputHelper output)
{
    // A heating complaint in 兴庆区 凤凰北街 (district 640104), routed to ent-heating-1.
    private static string HeatingComplaint() => $"兴庆区凤凰北街崇安社区暖气不热，家里只有十五度，老人孩子都冻感冒了（{Guid.NewGuid():N}）";

    private async Task<IPage> OpenScreenAsync(int width = 1920, int height = 1080)
    {
        var page = await browser.SignedInPageAsync("wzyc", "/screen", width, height);
        await Assertions.Expect(page.GetByTestId("screen")).ToHaveAttributeAsync("data-loaded", "true");
        await Assertions.Expect(page.GetByTestId("screen")).ToHaveAttributeAsync("data-live", "true");
        return page;
    }

    private static ILocator TileValue(IPage page, string key) => page.Locator($"[data-testid=tile-{key}] .value");

    [Fact]
    public async Task A_supervisors_big_screen_shows_the_tiles_with_the_real_numbers()
    {
        await browser.ComplainAsync("citizen1", HeatingComplaint());
        var page = await OpenScreenAsync();
        using var api = await browser.ApiAsync("wzyc");
        var tiles = await api.GetFromJsonAsync<JsonElement>("/api/metrics/tiles");
        tiles.GetProperty("intakeToday").GetInt32().ShouldBeGreaterThan(0);

        foreach (var (key, field) in new[] { ("intake", "intakeToday"), ("open", "open"), ("overdue", "overdueNow") })
        {
            var value = tiles.GetProperty(field).GetInt32();
            await Assertions.Expect(TileValue(page, key)).ToHaveAttributeAsync("data-value", value.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(TileValue(page, key)).ToHaveTextAsync(value.ToString("N0", CultureInfo.InvariantCulture));
        }
        foreach (var (key, field) in new[] { ("closureRate", "closureRate"), ("onTimeClosureRate", "onTimeClosureRate"), ("satisfactionRate", "satisfactionRate") })
        {
            var rate = tiles.GetProperty(field);
            var text = rate.ValueKind == JsonValueKind.Null ? "—" : (rate.GetDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
            await Assertions.Expect(TileValue(page, key)).ToHaveTextAsync(text);
        }
        await Assertions.Expect(page.GetByTestId("tile-intake")).ToContainTextAsync("今日受理");
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("● 实时");
        File.Exists(await browser.ScreenshotAsync(page, "screen-tiles")).ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_post_sent_through_the_api_shows_up_live_on_the_big_screen_without_a_reload()
    {
        var page = await OpenScreenAsync();
        var before = int.Parse((await TileValue(page, "intake").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        // Marks this document (a reload would lose it) and records, in the page, when the case's event row and
        // the new intake figure appear, so the delay is measured where the user sees it.
        await page.EvaluateAsync(@"() => {
            window.__sameDocument = true;
            window.__seen = {};
            new MutationObserver(() => {
              for (const n of document.querySelectorAll('[data-testid=live-event][data-case]')) window.__seen[n.dataset.case] ??= Date.now();
              const v = document.querySelector('[data-testid=tile-intake] .value').dataset.value;
              window.__seen['intake:' + v] ??= Date.now();
            }).observe(document.getElementById('stage'), { subtree: true, childList: true, attributes: true, characterData: true });
        }");

        using var connector = await browser.ApiAsync("weibo-connector");
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        var response = await connector.PostAsJsonAsync("/api/posts", new
        {
            platform = "weibo", postId = Guid.NewGuid().ToString("N"), author = new { id = "weibo-user-screen", name = "银川市民" },
            text = HeatingComplaint(), createdAt = DateTimeOffset.UtcNow,
        });
        response.EnsureSuccessStatusCode();
        var answeredAfter = clock.ElapsedMilliseconds;
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;

        await Assertions.Expect(page.Locator($"[data-testid=live-event][data-case='{caseId}']").First).ToBeAttachedAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(TileValue(page, "intake")).ToHaveAttributeAsync("data-value", (before + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 5_000 });
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue();

        var rowAt = await page.EvaluateAsync<long>($"() => window.__seen['{caseId}']");
        var tileAt = await page.EvaluateAsync<long>($"() => window.__seen['intake:{before + 1}']");
        output.WriteLine($"POST /api/posts answered after {answeredAfter} ms; event row on the screen {rowAt - sentAt} ms and intake tile {tileAt - sentAt} ms after the post was sent.");
        File.Exists(await browser.ScreenshotAsync(page, "screen-live-post")).ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_ranking_table_lists_the_units_of_each_kind_with_their_movement()
    {
        await browser.ComplainAsync("citizen1", HeatingComplaint());
        var page = await OpenScreenAsync();
        using var api = await browser.ApiAsync("wzyc");
        foreach (var kind in new[] { "street", "bureau", "district" })
        {
            var ranking = await api.GetFromJsonAsync<JsonElement>($"/api/rankings?kind={kind}");
            var rows = ranking.GetProperty("rows");
            rows.GetArrayLength().ShouldBeGreaterThan(0);
            await page.Locator($"[data-testid=rankings] [data-kind={kind}]").ClickAsync();
            var table = page.Locator("[data-testid=rankings] [data-testid=ranking-row]");
            await Assertions.Expect(table).ToHaveCountAsync(rows.GetArrayLength());
            await Assertions.Expect(table.First).ToHaveAttributeAsync("data-account", rows[0].GetProperty("accountId").GetString()!);
            await Assertions.Expect(table.First).ToContainTextAsync(rows[0].GetProperty("name").GetString()!);
            await Assertions.Expect(table.First.GetByTestId("movement")).ToHaveTextAsync(rows[0].GetProperty("movement") is { ValueKind: JsonValueKind.Number } m
                ? m.GetInt32() switch { > 0 and var up => $"▲{up}", < 0 and var down => $"▼{-down}", _ => "＝" }
                : "—");
        }
        File.Exists(await browser.ScreenshotAsync(page, "screen-rankings")).ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Drilling_from_a_district_row_leads_to_its_cases_and_a_cases_full_timeline()
    {
        var text = HeatingComplaint();
        string caseId;
        using (var citizen = await browser.ApiAsync("citizen2"))
        {
            var response = await citizen.PostAsJsonAsync("/api/posts", new { platform = "citymatrix", postId = Guid.NewGuid().ToString("N"), author = new { id = "citizen2" }, text, createdAt = DateTimeOffset.UtcNow });
            response.EnsureSuccessStatusCode();
            caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        }
        var page = await OpenScreenAsync();

        await page.Locator("[data-testid=district-row][data-region='640104']").ClickAsync();
        var drill = page.GetByTestId("drill");
        await Assertions.Expect(drill).ToContainTextAsync("兴庆区");
        await drill.Locator($"[data-testid=drill-case][data-case='{caseId}']").ClickAsync();
        await Assertions.Expect(drill.GetByTestId("drill-case-text")).ToHaveTextAsync(text);
        await Assertions.Expect(drill.Locator("[data-testid=drill-timeline-entry][data-action=Open]")).ToContainTextAsync("受理");
        await Assertions.Expect(drill.Locator("[data-testid=drill-timeline-entry][data-action=Forward]")).ToContainTextAsync("银川热力");
        await browser.ScreenshotAsync(page, "screen-drill-case");

        // From a unit's figures (its ranking row) to the open cases its subtree holds, and on to the same timeline.
        await drill.Locator("[data-close]").ClickAsync();
        await page.Locator("[data-testid=rankings] [data-kind=bureau]").ClickAsync();
        await page.Locator("[data-testid=ranking-row][data-account='bureau-zhujian']").ClickAsync();
        await Assertions.Expect(drill.GetByTestId("drill-metrics")).ToContainTextAsync("办结率");
        await drill.Locator($"[data-testid=drill-case][data-case='{caseId}']").ClickAsync();
        await Assertions.Expect(drill.GetByTestId("drill-case-text")).ToHaveTextAsync(text);
        File.Exists(await browser.ScreenshotAsync(page, "screen-drill-account")).ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_laptop_the_big_screen_is_scaled_to_fit_the_window_whole()
    {
        var page = await OpenScreenAsync(1366, 768);
        var box = (await page.GetByTestId("screen").BoundingBoxAsync())!;
        var scale = Math.Min(1366 / 1920.0, 768 / 1080.0);
        ((double)box.Width).ShouldBe(1920 * scale, 1.0);
        ((double)box.Height).ShouldBe(1080 * scale, 1.0);
        foreach (var key in new[] { "intake", "satisfactionRate" })
        {
            var tile = (await page.GetByTestId($"tile-{key}").BoundingBoxAsync())!;
            (tile.X + tile.Width).ShouldBeLessThanOrEqualTo(1366);
        }
        var ticker = (await page.GetByTestId("ticker").BoundingBoxAsync())!;
        (ticker.Y + ticker.Height).ShouldBeLessThanOrEqualTo(768);
        File.Exists(await browser.ScreenshotAsync(page, "screen-laptop")).ShouldBeTrue();
        await page.Context.CloseAsync();
    }
}
