using Microsoft.Playwright;

namespace CityMatrix.EndToEnd.Tests.Browser;

/// <summary>The sign-in page and the role-aware navigation, for every role, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserServer browser)
{
    [Theory]
    [InlineData("wzyc", "/workbench", new[] { "workbench", "screen", "citizen" }, new[] { "console" })]
    [InlineData("heating1", "/workbench", new[] { "workbench", "citizen" }, new[] { "screen", "console" })]
    [InlineData("jiwei", "/workbench", new[] { "workbench", "screen", "citizen" }, new[] { "console" })]
    [InlineData("broadcaster", "/console", new[] { "console", "citizen" }, new[] { "workbench", "screen" })]
    [InlineData("citizen1", "/citizen", new[] { "citizen" }, new[] { "workbench", "screen", "console" })]
    [InlineData("admin", "/screen", new[] { "screen", "citizen" }, new[] { "workbench", "console" })]
    public async Task Each_role_lands_on_its_page_and_is_offered_only_its_pages(string user, string landing, string[] offered, string[] hidden)
    {
        var page = await browser.NewPageAsync();
        await BrowserServer.SignInAsync(page, user);

        new Uri(page.Url).AbsolutePath.ShouldBe(landing);
        await page.GotoAsync("/");
        await page.GetByTestId("page-cards").WaitForAsync();
        foreach (var name in offered) (await page.GetByTestId($"card-{name}").CountAsync()).ShouldBe(1, name);
        foreach (var name in hidden) (await page.GetByTestId($"card-{name}").CountAsync()).ShouldBe(0, name);
        await browser.ScreenshotAsync(page, $"signin-{user}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Chinese_and_a_page_outside_the_role_says_so()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByTestId("username").FillAsync("heating1");
        await page.GetByTestId("password").FillAsync("wrong-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("用户名或密码错误");

        await BrowserServer.SignInAsync(page, "citizen1", "/workbench");
        await Assertions.Expect(page.GetByTestId("forbidden")).ToContainTextAsync("不能使用此页面");
        await browser.ScreenshotAsync(page, "signin-refused");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_big_screen_fills_1920_by_1080_with_its_six_tiles()
    {
        var page = await browser.SignedInPageAsync("wzyc", "/screen", 1920, 1080);

        await Assertions.Expect(page.GetByTestId("screen")).ToHaveAttributeAsync("data-loaded", "true");
        foreach (var (tile, name) in new[] { ("intake", "今日受理"), ("open", "办理中"), ("overdue", "当前超期"), ("closureRate", "办结率"), ("onTimeClosureRate", "按时办结率"), ("satisfactionRate", "满意率") })
            await Assertions.Expect(page.GetByTestId($"tile-{tile}")).ToContainTextAsync(name);
        var box = await page.GetByTestId("screen").BoundingBoxAsync();
        box!.Width.ShouldBe(1920, 1);
        box.Height.ShouldBe(1080, 1);
        await browser.ScreenshotAsync(page, "screen");
        await page.Context.CloseAsync();
    }
}
