using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Reports;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Api.Tests.Surges;

/// <summary>
/// The heating case of domain.md §1 replayed through HTTP on one server whose clock the replay moves: the first
/// four heating days of three seasons (a falling trend: 110, 92, 78 on the first days; 2023's season started early,
/// on 27 October), then a first day with 129 complaints between 00:00 and 16:15, then fifteen days falling to 12.
/// Every complaint is a citizen's post (POST /api/posts/batch, or one by one near the threshold) that our NLP turns
/// into a heating case. The replay records what the API showed along the way; the tests read the record.
/// </summary>
public sealed class HeatingReplay : IAsyncLifetime
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static readonly (DateOnly FirstDay, int[] Counts)[] EarlierSeasons =
    [
        (new DateOnly(2022, 11, 1), [110, 72, 50, 38]),
        (new DateOnly(2023, 10, 27), [92, 60, 44, 30]),
        (new DateOnly(2024, 11, 1), [78, 52, 37, 28]),
    ];

    public static readonly DateOnly FirstDay = new(2025, 11, 1);

    /// <summary>Complaints per hour from 00:00; the last hour's arrive by 16:15. 129 in all.</summary>
    public static readonly int[] FirstDayByHour = [2, 1, 1, 1, 1, 2, 4, 9, 12, 13, 12, 11, 10, 10, 12, 14, 14];

    /// <summary>The fifteen days after: 129 × (12/129)^(k/15), ending at 12.</summary>
    public static readonly int[] Decline = Enumerable.Range(1, 15).Select(k => (int)Math.Round(129 * Math.Pow(12 / 129.0, k / 15.0))).ToArray();

    /// <summary>The most complaints any earlier first heating day had: the record to beat.</summary>
    public static int Record => EarlierSeasons.Max(s => s.Counts[0]);

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2022, 11, 1, 8, 0, 0, Beijing));

    public CityMatrixApp App { get; private set; } = null!;

    /// <summary>After each post (or batch) of the first day: the day's cases so far, and whether GET /api/surges showed the city-wide heating alert.</summary>
    public List<(int Cases, bool Alert)> Watch { get; } = [];

    /// <summary>When the case that broke the record was posted.</summary>
    public DateTimeOffset RecordBrokenAt { get; private set; }

    /// <summary>The complaint numbers sent on each day (to know which communities and companies they were about).</summary>
    public Dictionary<DateOnly, List<int>> Sent { get; } = [];

    public ConcurrentQueue<LiveEvent> LiveSurges { get; } = new();

    /// <summary>GET /api/reports/today and today.html at 16:15 on the first day.</summary>
    public JsonElement SameDay { get; private set; }
    public string SameDayHtml { get; private set; } = "";

    /// <summary>What the 08:00 job stored on the next morning, run twice.</summary>
    public (StoredReport First, StoredReport Again) MorningRuns { get; private set; }

    private readonly Dictionary<string, HttpClient> _clients = [];
    private DateTimeOffset _signedInAt;
    private int _next;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        var starts = EarlierSeasons.Select(s => s.FirstDay).Append(FirstDay).ToList();
        for (var i = 0; i < starts.Count; i++) settings[$"Surges:Seasons:供暖:Starts:{i}"] = starts[i].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        App = await CityMatrixApp.StartAsync(StorageKind.Sqlite, Time, settings);
        App.Services.GetRequiredService<LocalLiveEventPublisher>().Published += e =>
        {
            if (e.Type == LiveEventTypes.Surge) LiveSurges.Enqueue(e);
        };

        foreach (var (firstDay, counts) in EarlierSeasons)
        {
            for (var d = 0; d < counts.Length; d++)
            {
                MoveTo(firstDay.AddDays(d), 10, 0);
                await SendBatchAsync(counts[d]);
            }
        }

        var cases = 0;
        for (var hour = 0; hour < FirstDayByHour.Length; hour++)
        {
            MoveTo(FirstDay, hour, hour == 16 ? 10 : 5);
            var alertSeen = Watch.Any(w => w.Alert);
            if (alertSeen || cases + FirstDayByHour[hour] <= Record)
            {
                await SendBatchAsync(FirstDayByHour[hour]);
                cases += FirstDayByHour[hour];
                Watch.Add((cases, await CityAlertShownAsync()));
                continue;
            }
            // Near the record: one post at a time, looking after each.
            for (var i = 0; i < FirstDayByHour[hour]; i++)
            {
                await SendOneAsync();
                cases++;
                var shown = await CityAlertShownAsync();
                if (shown && !Watch.Any(w => w.Alert)) RecordBrokenAt = Time.GetUtcNow();
                Watch.Add((cases, shown));
            }
        }

        MoveTo(FirstDay, 16, 15);
        var manager = await ClientAsync("wzyc");
        SameDay = await (await Ok(manager.GetAsync("/api/reports/today"))).JsonAsync();
        SameDayHtml = await (await Ok(manager.GetAsync("/api/reports/today.html"))).Content.ReadAsStringAsync();

        MoveTo(FirstDay.AddDays(1), 8, 0);
        var runner = App.Services.GetRequiredService<DailyReportJobRunner>();
        var reports = App.Services.GetRequiredService<DailyReportService>();
        await runner.RunAsync(CancellationToken.None);
        var first = (await reports.GetAsync(FirstDay))!;
        await runner.RunAsync(CancellationToken.None);
        MorningRuns = (first, (await reports.GetAsync(FirstDay))!);

        for (var k = 0; k < Decline.Length; k++)
        {
            MoveTo(FirstDay.AddDays(k + 1), 10, 0);
            await SendBatchAsync(Decline[k]);
        }
        MoveTo(FirstDay.AddDays(Decline.Length + 1), 9, 0);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A client signed in now (tokens live 8 hours on the replay's clock).</summary>
    public async Task<HttpClient> ClientAsync(string user)
    {
        if (Time.GetUtcNow() - _signedInAt > TimeSpan.FromHours(4))
        {
            foreach (var client in _clients.Values) client.Dispose();
            _clients.Clear();
            _signedInAt = Time.GetUtcNow();
        }
        if (!_clients.TryGetValue(user, out var signedIn)) _clients[user] = signedIn = await App.ClientForAsync(user);
        return signedIn;
    }

    private void MoveTo(DateOnly day, int hour, int minute)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), Beijing);
        var by = at - Time.GetUtcNow();
        if (by < TimeSpan.Zero) throw new InvalidOperationException($"The replay cannot go back in time to {at}.");
        Time.Advance(by);
    }

    private object NextPost()
    {
        var n = _next++;
        var day = Silo.CityDays.DayOf(Time.GetUtcNow());
        if (!Sent.TryGetValue(day, out var list)) Sent[day] = list = [];
        list.Add(n);
        return new
        {
            platform = "weibo", postId = $"heat-{n}", author = new { id = $"citizen-{n}", name = "网友" }, text = HeatingComplaints.Text(n),
            createdAt = Time.GetUtcNow().ToOffset(Beijing), mentions = new[] { "@问政银川" },
        };
    }

    private async Task SendBatchAsync(int count)
    {
        var lines = string.Join('\n', Enumerable.Range(0, count).Select(_ => JsonSerializer.Serialize(NextPost(), CityMatrixApp.Json)));
        var connector = await ClientAsync("weibo-connector");
        var response = await Ok(connector.PostAsync("/api/posts/batch", new StringContent(lines, Encoding.UTF8, "application/x-ndjson")));
        var result = await response.JsonAsync();
        result.GetProperty("accepted").GetInt32().ShouldBe(count);
        foreach (var line in result.GetProperty("lines").EnumerateArray()) ShouldBeHeatingCase(line.GetProperty("receipt"));
    }

    private async Task SendOneAsync()
    {
        var connector = await ClientAsync("weibo-connector");
        ShouldBeHeatingCase(await (await Ok(connector.PostJsonAsync("/api/posts", NextPost()))).JsonAsync());
    }

    private static void ShouldBeHeatingCase(JsonElement receipt)
    {
        receipt.GetProperty("outcome").GetString().ShouldBe("CaseOpened", receipt.GetRawText());
        receipt.GetProperty("topic").GetString().ShouldBe("供暖", receipt.GetRawText());
    }

    private async Task<bool> CityAlertShownAsync()
    {
        var manager = await ClientAsync("wzyc");
        var surges = await (await Ok(manager.GetAsync($"/api/surges?date={FirstDay:yyyy-MM-dd}&topic=供暖&region=6401"))).JsonAsync();
        return surges.GetProperty("surges").GetArrayLength() > 0;
    }

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
