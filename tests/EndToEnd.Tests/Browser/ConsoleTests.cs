using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CityMatrix.EndToEnd.Tests.Browser;

/// <summary>The emergency console sending to citizen pages that report where they are.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(BrowserServer browser)
{
    // 兴庆区 old town (inside a 3 km circle round 38.47,106.28) and 西夏区 (about 14 km west: outside).
    private const string Inside = "/citizen?lat=38.4705&lon=106.2790";
    private const string Outside = "/citizen?lat=38.4900&lon=106.1200";

    private static async Task<IPage> CitizenAtAsync(BrowserServer browser, string url)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);
        await Assertions.Expect(page.GetByTestId("my-location")).ToHaveAttributeAsync("data-reported", "true");
        return page;
    }

    [Fact]
    public async Task A_broadcasters_circle_alert_reaches_the_citizen_page_inside_and_not_the_one_outside()
    {
        var inside = await CitizenAtAsync(browser, Inside);
        var outside = await CitizenAtAsync(browser, Outside);
        await Assertions.Expect(inside.GetByTestId("my-location")).ToContainTextAsync("兴庆区");

        var console = await browser.SignedInPageAsync("broadcaster", "/console");
        await console.GetByTestId("alert-event").SelectOptionAsync("暴雨");
        await console.GetByTestId("level-红").CheckAsync();
        var headline = $"银川市发布暴雨红色预警 {Guid.NewGuid():N}"[..30];
        await console.GetByTestId("alert-headline").FillAsync(headline);
        await console.GetByTestId("alert-text").FillAsync("预计未来3小时兴庆区老城降雨量将达100毫米以上。");
        await console.GetByTestId("alert-instruction").FillAsync("请远离低洼地带和地下通道，非必要不外出。");
        await console.GetByTestId("circle-lat").FillAsync("38.47");
        await console.GetByTestId("circle-lon").FillAsync("106.28");
        await console.GetByTestId("circle-radius").FillAsync("3");
        await Assertions.Expect(console.GetByTestId("map-circle")).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByTestId("preview")).ToHaveAttributeAsync("data-inside", "1");

        await console.GetByTestId("alert-send").ClickAsync();
        var row = console.GetByTestId("receipt-row").Filter(new() { HasText = headline });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var identifier = await row.GetAttributeAsync("data-identifier");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-delivered", "1");

        var card = inside.Locator($"[data-testid=alert-card][data-identifier='{identifier}']");
        await Assertions.Expect(card).ToContainTextAsync(headline);
        await Assertions.Expect(card).ToContainTextAsync("红色预警");
        await Assertions.Expect(card).ToContainTextAsync("远离低洼地带");

        // Delivery is done (one client targeted, and it has the alert): the page outside was never sent it.
        using var api = await browser.ApiAsync("broadcaster");
        var receipts = await api.GetFromJsonAsync<JsonElement>($"/api/alerts/{Uri.EscapeDataString(identifier!)}/receipts");
        receipts.GetProperty("targeted").GetInt32().ShouldBe(1);
        (await outside.Locator($"[data-testid=alert-card][data-identifier='{identifier}']").CountAsync()).ShouldBe(0);
        await Assertions.Expect(outside.GetByTestId("alerts-empty")).ToBeVisibleAsync();

        await browser.ScreenshotAsync(console, "console-sent");
        await browser.ScreenshotAsync(inside, "citizen-inside-alerted");
        await browser.ScreenshotAsync(outside, "citizen-outside-quiet");
        foreach (var page in new[] { console, inside, outside }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_district_broadcaster_picks_streets_from_the_gazetteer_and_is_told_in_Chinese_when_the_area_leaves_his_district()
    {
        var console = await browser.SignedInPageAsync("xingqing-broadcaster", "/console");
        await console.GetByTestId("mode-regions").CheckAsync();
        await console.GetByTestId("region-district").SelectOptionAsync(new SelectOptionValue { Label = "兴庆区" });
        await console.GetByTestId("region-street").SelectOptionAsync(new SelectOptionValue { Label = "凤凰北街街道" });
        await console.GetByTestId("region-add").ClickAsync();
        await Assertions.Expect(console.GetByTestId("region-picked")).ToContainTextAsync("凤凰北街街道");
        await Assertions.Expect(console.Locator("svg.map path.picked[data-code='640104001']")).ToHaveCountAsync(1);
        await Assertions.Expect(console.GetByTestId("preview")).ToHaveAttributeAsync("data-inside", new System.Text.RegularExpressions.Regex("^\\d+$"));

        await console.GetByTestId("region-district").SelectOptionAsync(new SelectOptionValue { Label = "西夏区" });
        await console.GetByTestId("region-add").ClickAsync();
        await Assertions.Expect(console.GetByTestId("preview")).ToContainTextAsync("无权操作：所选区域超出本单位的管辖范围");
        await console.GetByTestId("alert-send").ClickAsync();
        await Assertions.Expect(console.GetByTestId("alert-error")).ToContainTextAsync("超出本单位的管辖范围");
        await browser.ScreenshotAsync(console, "console-outside-jurisdiction");
        await console.Context.CloseAsync();
    }
}
