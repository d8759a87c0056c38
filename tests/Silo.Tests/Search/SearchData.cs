using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Search;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Search;

/// <summary>
/// One silo per database kind with a few cases (opened directly, with known category, topic, region and
/// holder) and posts (ingested the way a platform delivers them), a minute apart on a manual clock.
/// </summary>
public abstract class SearchData(StorageKind kind) : IAsyncLifetime
{
    public const string HeatingCitizen = "weibo:heat-1";
    public const string Street = "street-640104001";
    public const string Heating = "ent-heating-1";

    private TestDatabase _database = null!;

    public SiloHost Silo { get; private set; } = null!;
    public ManualTimeProvider Time { get; } = new();
    public DateTimeOffset Start { get; private set; }

    /// <summary>金凤区, 供暖, forwarded to the heating company.</summary>
    public CaseState HeatingCase { get; private set; } = null!;

    /// <summary>兴庆区 street, 市政设施, forwarded to the street office.</summary>
    public CaseState LampCase { get; private set; } = null!;

    /// <summary>西夏区, 供暖, same citizen as <see cref="HeatingCase"/>, still with the manager.</summary>
    public CaseState LeakCase { get; private set; } = null!;

    public PostRecord ComplaintPost { get; private set; } = null!;
    public PostRecord WeatherPost { get; private set; } = null!;

    public ISearchIndex Index => Silo.Get<ISearchIndex>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        Silo = await _database.StartSiloAsync(Time);
        Start = Time.GetUtcNow();
        HeatingCase = await OpenAsync(HeatingCitizen, "金凤区正源街阳光小区暖气不热，家里只有十二度，老人孩子都冻感冒了", "供暖", "640106", Heating);
        LampCase = await OpenAsync("weibo:lamp-1", "凤凰北街的路灯坏了一个多月，晚上一片漆黑，走路很危险", "市政设施", "640104001", Street);
        LeakCase = await OpenAsync(HeatingCitizen, "西夏区怀远路小区暖气片漏水，地板都泡坏了", "供暖", "640105", null);
        ComplaintPost = await IngestAsync("p-heat", "阅海万家小区暖气不热好几天了，物业电话一直打不通，太冷了！@问政银川");
        WeatherPost = await IngestAsync("p-weather", "今天银川天气真好，和家人去阅海公园散步，心情不错");
    }

    private async Task<CaseState> OpenAsync(string citizen, string text, string topic, string region, string? forwardTo)
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        var service = Silo.Get<CaseService>();
        var opened = await service.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", citizen, text, "城乡建设", topic, region, CaseUrgency.Normal));
        if (forwardTo is null) return opened;
        return await service.ExecuteAsync(opened.Id, new ForwardCase(new CaseActor("wzyc", "duty"), forwardTo, Time.GetUtcNow().AddDays(3), null));
    }

    private async Task<PostRecord> IngestAsync(string postId, string text)
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        var receipt = await Silo.Get<PostIngestion>().IngestAsync(new IncomingPost(
            "weibo", postId, new PostAuthor($"author-{postId}", null), text, Time.GetUtcNow(), null, null, null));
        return (await Silo.Get<PostStore>().FindAsync(PostRecord.KeyOf("weibo", postId)))!;
    }

    public async Task DisposeAsync()
    {
        await Teardown.QuietlyAsync("stopping the search fixture's silo", async () => await Silo.DisposeAsync());
        await Teardown.QuietlyAsync("dropping the search fixture's database", async () => await _database.DisposeAsync());
    }
}

public sealed class SqliteSearchData() : SearchData(StorageKind.Sqlite);

public sealed class PostgresSearchData() : SearchData(StorageKind.PostgreSql);
