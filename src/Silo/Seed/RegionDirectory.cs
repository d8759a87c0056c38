using System.Reflection;

namespace CityMatrix.Silo.Seed;

/// <summary>
/// Region code → name, level and parent, from the committed Yinchuan CSVs (Seed/regions, embedded).
/// Immutable after construction, so one instance can be shared between threads.
/// </summary>
public sealed class RegionDirectory
{
    private const string ResourcePrefix = "CityMatrix.Seed.";
    private readonly Dictionary<string, Region> _byCode;
    private readonly Dictionary<string, List<Region>> _children;

    private RegionDirectory(IEnumerable<Region> regions)
    {
        _byCode = new Dictionary<string, Region>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            if (!_byCode.TryAdd(region.Code, region))
                throw new InvalidDataException($"Region code {region.Code} appears twice.");
        }
        _children = new Dictionary<string, List<Region>>(StringComparer.Ordinal);
        foreach (var region in _byCode.Values)
        {
            if (region.ParentCode is null)
                continue;
            if (!_byCode.ContainsKey(region.ParentCode))
                throw new InvalidDataException($"Region {region.Code} names parent {region.ParentCode}, which is not listed.");
            if (!_children.TryGetValue(region.ParentCode, out var list))
                _children[region.ParentCode] = list = [];
            list.Add(region);
        }
    }

    public int Count => _byCode.Count;

    public IEnumerable<Region> All => _byCode.Values;

    /// <summary>The embedded Yinchuan directory (1 city, 6 districts, 62 streets, 602 communities).</summary>
    public static RegionDirectory Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        TextReader Open(string file) =>
            new StreamReader(assembly.GetManifestResourceStream(ResourcePrefix + file)
                ?? throw new InvalidOperationException($"Embedded resource {ResourcePrefix}{file} is missing from the silo assembly."));
        using var areas = Open("yinchuan_areas.csv");
        using var streets = Open("yinchuan_streets.csv");
        using var communities = Open("yinchuan_villages_communities.csv");
        return FromCsv(areas, streets, communities);
    }

    /// <summary>
    /// Builds a directory from the three CSVs of the regions data (headers as in Seed/regions);
    /// throws <see cref="InvalidDataException"/> naming the file and line on malformed input.
    /// </summary>
    public static RegionDirectory FromCsv(TextReader areas, TextReader streets, TextReader communities)
    {
        var regions = new List<Region>();
        var cities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in CsvRows(areas, "areas", "code", "name", "cityCode", "cityName"))
        {
            cities.TryAdd(row["cityCode"], row["cityName"]);
            regions.Add(new Region(row["code"], row["name"], RegionLevel.District, row["cityCode"]));
        }
        regions.AddRange(cities.Select(c => new Region(c.Key, c.Value, RegionLevel.City, null)));
        foreach (var row in CsvRows(streets, "streets", "code", "name", "areaCode"))
            regions.Add(new Region(row["code"], row["name"], RegionLevel.Street, row["areaCode"]));
        foreach (var row in CsvRows(communities, "communities", "code", "name", "streetCode"))
            regions.Add(new Region(row["code"], row["name"], RegionLevel.Community, row["streetCode"]));
        return new RegionDirectory(regions);
    }

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public bool TryGet(string code, out Region region) => _byCode.TryGetValue(code, out region!);

    public Region Get(string code) =>
        _byCode.TryGetValue(code, out var region) ? region : throw new KeyNotFoundException($"Unknown region code {code}.");

    public IReadOnlyList<Region> Children(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    /// <summary>The region's parents, nearest first (street → district → city); empty for an unknown code.</summary>
    public IReadOnlyList<Region> Ancestors(string code)
    {
        var result = new List<Region>();
        var current = _byCode.GetValueOrDefault(code);
        while (current?.ParentCode is { } parent && _byCode.TryGetValue(parent, out current))
            result.Add(current);
        return result;
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestorCode"/> or lies inside it.</summary>
    public bool IsWithin(string code, string ancestorCode) =>
        Contains(code) && (code == ancestorCode || Ancestors(code).Any(r => r.Code == ancestorCode));

    // The region files hold plain comma-separated values without quoting; a row with the wrong number
    // of fields is rejected rather than guessed at.
    private static IEnumerable<Dictionary<string, string>> CsvRows(TextReader reader, string file, params string[] required)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Split(',')
            ?? throw new InvalidDataException($"Region file {file} is empty.");
        foreach (var column in required)
        {
            if (!header.Contains(column))
                throw new InvalidDataException($"Region file {file} lacks column {column}.");
        }
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var fields = line.Split(',');
            if (fields.Length != header.Length)
                throw new InvalidDataException($"Region file {file} line {lineNumber}: {fields.Length} fields, expected {header.Length}.");
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
                row[header[i]] = fields[i].Trim();
            if (row["code"].Length == 0)
                throw new InvalidDataException($"Region file {file} line {lineNumber}: empty code.");
            yield return row;
        }
    }
}
