namespace CityMatrix.Nlp.Places;

/// <summary>
/// Region codes and names of 银川市 (6401): districts, streets/towns and communities/villages from the 2023
/// statistical division codes, plus major roads. Immutable and thread-safe.
/// </summary>
public sealed class Gazetteer
{
    private static readonly Lazy<Gazetteer> YinchuanInstance = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Region> _byCode;

    private Gazetteer(List<Region> regions, List<string> roads)
    {
        Regions = regions;
        Roads = roads;
        _byCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
    }

    /// <summary>The embedded Yinchuan gazetteer.</summary>
    public static Gazetteer Yinchuan => YinchuanInstance.Value;

    public IReadOnlyList<Region> Regions { get; }

    public IReadOnlyList<string> Roads { get; }

    public Region? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The region and its ancestors, most specific first.</summary>
    public IEnumerable<Region> SelfAndAncestors(string code)
    {
        for (var region = Find(code); region is not null; region = region.ParentCode is null ? null : Find(region.ParentCode))
            yield return region;
    }

    /// <summary>True when <paramref name="ancestor"/> contains <paramref name="code"/> (a region does not contain itself).</summary>
    public bool Contains(string ancestor, string code) =>
        ancestor != code && SelfAndAncestors(code).Any(r => r.Code == ancestor);

    /// <summary>The most specific region containing all <paramref name="codes"/>, or null when they share none.</summary>
    public Region? CommonAncestor(IEnumerable<string> codes)
    {
        List<Region>? common = null;
        foreach (var code in codes)
        {
            var chain = SelfAndAncestors(code).ToList();
            common = common is null ? chain : common.Where(r => chain.Contains(r)).ToList();
        }
        return common?.FirstOrDefault();
    }

    /// <summary>Reads the region CSVs (columns as in modood/Administrative-divisions-of-China) and a roads list.</summary>
    public static Gazetteer Load(TextReader areas, TextReader streets, TextReader communities, TextReader? roads = null)
    {
        var regions = new List<Region>();
        var cities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ReadCsv(areas))
        {
            var cityCode = row["cityCode"];
            if (!cities.ContainsKey(cityCode)) cities[cityCode] = row["cityName"];
            regions.Add(new Region(row["code"], row["name"], PlaceLevel.District, cityCode));
        }
        regions.InsertRange(0, cities.Select(c => new Region(c.Key, c.Value, PlaceLevel.City, null)));
        foreach (var row in ReadCsv(streets)) regions.Add(new Region(row["code"], row["name"], PlaceLevel.Street, row["areaCode"]));
        foreach (var row in ReadCsv(communities)) regions.Add(new Region(row["code"], row["name"], PlaceLevel.Community, row["streetCode"]));
        var roadNames = new List<string>();
        if (roads is not null)
        {
            string? line;
            while ((line = roads.ReadLine()) is not null)
            {
                if (line.StartsWith('#')) continue;
                roadNames.AddRange(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new Gazetteer(regions, roadNames.Distinct().ToList());
    }

    private static Gazetteer LoadEmbedded()
    {
        using var areas = NlpData.OpenText(NlpData.Areas);
        using var streets = NlpData.OpenText(NlpData.Streets);
        using var communities = NlpData.OpenText(NlpData.Communities);
        using var roads = NlpData.OpenText(NlpData.Roads);
        return Load(areas, streets, communities, roads);
    }

    private static IEnumerable<Dictionary<string, string>> ReadCsv(TextReader reader)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Split(',') ?? throw new InvalidDataException("Empty region file.");
        string? line;
        var lineNo = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length < header.Length) throw new InvalidDataException($"Region file line {lineNo}: expected {header.Length} columns.");
            yield return header.Select((h, i) => (h, cells[i].Trim())).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal);
        }
    }
}
