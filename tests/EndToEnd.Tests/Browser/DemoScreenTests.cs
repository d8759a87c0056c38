using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CityMatrix.EndToEnd.Tests.Browser;

/// <summary>
/// The big screen over the bundled demo posts, with more posts arriving while it is open. Its screenshot is the
/// README's: with CITYMATRIX_README_SCREENSHOTS set to a folder (scripts/screenshots.sh), it is also written there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoScreenTests(BrowserServer browser)
{
    private static readonly string[] LivePosts =
    [
        "兴庆区凤凰北街崇安社区暖气不热，家里只有十五度，老人孩子都冻感冒了",
        "金凤区宁安大街路灯坏了一个多星期，晚上走路黑乎乎的很危险，请尽快修一下",
        "西夏区怀远路附近工地半夜还在施工，噪音太大了根本睡不着",
        "兴庆区解放东街小区门口垃圾好几天没人清运，味道很大",
        "金凤区万达附近的暖气片一直不热，物业说是热力公司的问题",
        "永宁县杨和镇自来水发黄，烧开了还有沉淀，请有关部门检查一下水质",
    ];

    [Fact]
    public async Task The_big_screen_over_the_demo_posts_shows_posts_arriving_live()
    {
        using (var admin = await browser.ApiAsync("admin", TimeSpan.FromMinutes(3)))
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "CityMatrix.sln"))) root = Path.GetDirectoryName(root)!;
            var posts = await File.ReadAllTextAsync(Path.Combine(root, "src", "Silo", "Demo", "sample-posts.ndjson"));
            // Replaying is idempotent per (platform, postId): harmless when another test replayed them already.
            var replay = await admin.PostAsync("/api/admin/replay", new StringContent(posts, System.Text.Encoding.UTF8, "application/x-ndjson"));
            replay.EnsureSuccessStatusCode();
        }
        var page = await browser.SignedInPageAsync("wzyc", "/screen", 1920, 1080);
        await Assertions.Expect(page.GetByTestId("screen")).ToHaveAttributeAsync("data-live", "true");
        await Assertions.Expect(page.GetByTestId("screen")).ToHaveAttributeAsync("data-loaded", "true");

        using var connector = await browser.ApiAsync("weibo-connector");
        var cases = new List<string>();
        foreach (var text in LivePosts)
        {
            var response = await connector.PostAsJsonAsync("/api/posts", new
            {
                platform = "weibo", postId = Guid.NewGuid().ToString("N"), author = new { id = $"weibo-{Guid.NewGuid():N}"[..16], name = "银川网友" },
                text, createdAt = DateTimeOffset.UtcNow,
            });
            response.EnsureSuccessStatusCode();
            cases.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!);
        }
        foreach (var id in cases) await Assertions.Expect(page.Locator($"[data-testid=live-event][data-case='{id}']").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("[data-testid=by-district] [data-testid=district-row]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=rankings] [data-testid=ranking-row]").First).ToBeVisibleAsync();
        // The charts redraw a second after the last event (debounced): let that and ECharts' animation finish.
        await Assertions.Expect(page.GetByTestId("screen")).ToHaveAttributeAsync("data-idle", "true");

        var shot = await browser.ScreenshotAsync(page, "screen-demo");
        if (Environment.GetEnvironmentVariable("CITYMATRIX_README_SCREENSHOTS") is { Length: > 0 } readme)
        {
            Directory.CreateDirectory(readme);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(readme, "screen.png") });
        }
        File.Exists(shot).ShouldBeTrue();
        await page.Context.CloseAsync();
    }
}
