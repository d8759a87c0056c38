using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CityMatrix.EndToEnd.Tests.Browser;

/// <summary>
/// The workbench over the bundled demo posts (src/Silo/Demo/sample-posts.ndjson replayed through ingestion):
/// a full inbox, earliest deadline first. Its screenshot is the README's: with CITYMATRIX_README_SCREENSHOTS
/// set to a folder (scripts/screenshots.sh sets docs/screenshots), it is also written there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoWorkbenchTests(BrowserServer browser)
{
    [Fact]
    public async Task A_district_supervisor_sees_the_demo_cases_below_him_earliest_deadline_first_with_their_analysis()
    {
        using (var admin = await browser.ApiAsync("admin", TimeSpan.FromMinutes(3)))
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "CityMatrix.sln"))) root = Path.GetDirectoryName(root)!;
            var posts = await File.ReadAllTextAsync(Path.Combine(root, "src", "Silo", "Demo", "sample-posts.ndjson"));
            var replay = await admin.PostAsync("/api/admin/replay", new StringContent(posts, System.Text.Encoding.UTF8, "application/x-ndjson"));
            replay.EnsureSuccessStatusCode();
        }
        using var api = await browser.ApiAsync("xingqing");
        var inbox = await api.GetFromJsonAsync<JsonElement>("/api/inbox?scope=subtree&limit=200");
        var total = inbox.GetProperty("total").GetInt32();
        total.ShouldBeGreaterThan(5);
        var first = inbox.GetProperty("items")[0].GetProperty("id").GetString()!;

        var page = await browser.SignedInPageAsync("xingqing", "/workbench");
        await page.GetByTestId("scope-select").SelectOptionAsync("subtree");
        await Assertions.Expect(page.GetByTestId("inbox-total")).ToHaveTextAsync($"（{total} 件）");
        var rows = page.GetByTestId("inbox-row");
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(total, 200));
        var deadlines = await page.Locator("[data-testid=inbox-row] [data-testid=countdown]").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.deadline)");
        var dated = deadlines.Where(d => d.Length > 0).Select(DateTimeOffset.Parse).ToList();
        dated.ShouldBe(dated.OrderBy(d => d).ToList());
        (await rows.First.GetAttributeAsync("data-case")).ShouldBe(first);

        await rows.First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("nlp").First).ToContainTextAsync("类别");
        await Assertions.Expect(page.GetByTestId("timeline-entry").First).ToContainTextAsync("受理");
        var shot = await browser.ScreenshotAsync(page, "workbench-demo");
        if (Environment.GetEnvironmentVariable("CITYMATRIX_README_SCREENSHOTS") is { Length: > 0 } readme)
        {
            Directory.CreateDirectory(readme);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(readme, "workbench.png") });
        }
        File.Exists(shot).ShouldBeTrue();
        await page.Context.CloseAsync();
    }
}
