using System.Net.Http.Json;
using System.Text.Json;
using CityMatrix.EndToEnd.Tests.Infrastructure;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CityMatrix.EndToEnd.Tests.Browser;

/// <summary>
/// One real server process (its own SQLite data directory, demo users) and one headless Debian chromium
/// for all browser tests: starting either is too slow to repeat per test. Each test opens its own
/// browser contexts (separate sessionStorage, so separate sign-ins) and its own cases.
/// </summary>
public sealed class BrowserServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string DemoPassword = "cm-demo-2026";

    // Headless, and nothing but our loopback server: no DNS, no background services, no component updates.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-domain-reliability",
        "--disable-breakpad", "--no-first-run", "--no-default-browser-check", "--no-pings", "--metrics-recording-only",
        "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
    ];

    private readonly ServerDataDirectory _directory = new();
    private IPlaywright _playwright = null!;

    public ServerProcess Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: run scripts/ensure-deps.sh as root.");
        Server = await ServerProcess.StartAsync(_directory.Path, "--Auth:DemoUsers=true");
        using (var client = new HttpClient { BaseAddress = Server.Address })
        {
            var home = await client.GetStringAsync("/");
            if (home.Contains("界面尚未构建")) throw new InvalidOperationException("The dashboards are not built: run scripts/build-dashboards.sh (scripts/test.sh does).");
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        // Generous bounds, not sleeps: the first post of a fresh server loads the NLP models, and the machine is shared.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser context (no sign-in) on the server, in Beijing time and Chinese.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page and waits for the page it leads to.</summary>
    public async Task<IPage> SignedInPageAsync(string user, string next, int width = 1440, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await SignInAsync(page, user, next);
        return page;
    }

    public static async Task SignInAsync(IPage page, string user, string? next = null)
    {
        await page.GotoAsync(next is null ? "/" : $"/?next={Uri.EscapeDataString(next)}");
        await page.GetByTestId("username").FillAsync(user);
        await page.GetByTestId("password").FillAsync(user == "admin" ? "cm-admin-2026" : DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        // Signing in always leaves the sign-in page: for the page asked for, or the role's first page.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/");
        await page.GetByTestId("who").Or(page.GetByTestId("screen")).First.WaitForAsync();
    }

    /// <summary>Saves what the test checked, as an artifact under the test output (bin/…/screenshots), not committed.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>An API client signed in as a demo user, for arranging what the browser then looks at.</summary>
    public async Task<HttpClient> ApiAsync(string user, TimeSpan? timeout = null)
    {
        using var login = await Server.SignedInClientAsync(user, user == "admin" ? "cm-admin-2026" : DemoPassword);
        var client = new HttpClient { BaseAddress = Server.Address, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = login.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>A citizen's complaint through the API, as the citizen page sends it; returns the case it opened and the account holding it.</summary>
    public async Task<(string CaseId, string AccountId)> ComplainAsync(string citizen, string text)
    {
        using var client = await ApiAsync(citizen);
        var response = await client.PostAsJsonAsync("/api/posts", new
        {
            platform = "citymatrix", postId = Guid.NewGuid().ToString("N"), author = new { id = citizen }, text, createdAt = DateTimeOffset.UtcNow,
        });
        response.EnsureSuccessStatusCode();
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("caseId").GetString()!, receipt.GetProperty("accountId").GetString()!);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Teardown.QuietlyAsync("closing the browser", () => Browser.CloseAsync());
        _playwright?.Dispose();
        if (Server is not null) await Teardown.QuietlyAsync("stopping the browser tests' server", async () => await Server.DisposeAsync());
        _directory.Dispose();
    }
}

/// <summary>
/// Run apart from the other end-to-end tests: chromium plus a server on a 2-core machine would slow the
/// crash tests' servers below the rates those tests expect.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserServer>
{
    public const string Name = "browser";
}
