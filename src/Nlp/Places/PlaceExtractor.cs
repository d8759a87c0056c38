using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Places;

/// <summary>
/// Finds Yinchuan districts, streets/towns, communities/villages and roads named in a text and returns their
/// region codes. Names are matched leftmost-longest over a trie of official names and short forms
/// (兴庆区→兴庆, 凤凰北街街道→凤凰北街, 崇安社区居委会→崇安社区, 某村村委会→某村). A short form is only used
/// when it shortens exactly one official name and is nobody's official name. A name shared by several regions is
/// resolved by the other places in the text, else by their common parent. Finally a region is dropped
/// when a more specific one inside it was found (a community implies its street and district).
/// Immutable after construction and thread-safe.
/// </summary>
public sealed class PlaceExtractor
{
    // Words that contain a short form but are not the place (贺兰山 is the mountain, not 贺兰县).
    private static readonly string[] NotPlaces = ["贺兰山", "西夏王陵", "西夏陵", "西夏王朝", "西夏文", "金凤凰"];

    private static readonly Lazy<PlaceExtractor> YinchuanInstance = new(() => new PlaceExtractor(Gazetteer.Yinchuan), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Gazetteer _gazetteer;
    private readonly Node _root = new();

    public PlaceExtractor(Gazetteer gazetteer)
    {
        _gazetteer = gazetteer ?? throw new ArgumentNullException(nameof(gazetteer));
        var official = new Dictionary<string, List<Region>>(StringComparer.Ordinal);
        foreach (var region in gazetteer.Regions) Add(official, region.Name, region);

        var shortForms = new Dictionary<string, List<Region>>(StringComparer.Ordinal);
        foreach (var region in gazetteer.Regions)
        {
            foreach (var shortForm in ShortForms(region)) Add(shortForms, shortForm, region);
        }

        foreach (var (name, regions) in official) Insert(name, new Entry(regions, null));
        foreach (var (name, regions) in shortForms)
        {
            // A short form that is somebody's official name, or that shortens different official names
            // (长安区 and 长安县 → 长安), is ambiguous and not used. Regions sharing one official name share
            // its short form too; that is resolved like the official name.
            if (official.ContainsKey(name) || regions.Select(r => r.Name).Distinct().Count() != 1) continue;
            Insert(name, new Entry(regions, null));
        }
        foreach (var road in gazetteer.Roads)
        {
            if (Lookup(road) is null) Insert(road, new Entry([], road));
        }
        foreach (var word in NotPlaces)
        {
            if (Lookup(word) is null) Insert(word, new Entry([], null));
        }
    }

    public static PlaceExtractor Yinchuan => YinchuanInstance.Value;

    public Gazetteer Gazetteer => _gazetteer;

    /// <summary>Places in text order: the most specific regions, each code once, then roads where they occur.</summary>
    public IReadOnlyList<PlaceMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = ScanLongest(text);
        if (raw.Count == 0) return [];
        // "@银川城管", "#问政银川#": the city in an account or topic name is no place the post is about.
        int kept = 0;
        for (int i = 0; i < raw.Count; i++)
        {
            var m = raw[i];
            if (m.Entry.Regions.Count > 0 && AllCity(m.Entry.Regions) && InsideMentionOrTopic(text, m.Start)) continue;
            raw[kept++] = m;
        }
        raw.RemoveRange(kept, raw.Count - kept);

        var resolved = new List<PlaceMatch>(raw.Count);
        foreach (var (entry, start, length) in raw)
        {
            if (entry.Road is not null)
            {
                resolved.Add(new PlaceMatch("", entry.Road, PlaceLevel.Road, start, length));
                continue;
            }
            var region = Resolve(entry, raw);
            if (region is not null) resolved.Add(new PlaceMatch(region.Code, region.Name, region.Level, start, length));
        }

        // A post names a handful of places: scanning the list beats building hash sets of codes.
        var result = new List<PlaceMatch>(resolved.Count);
        foreach (var match in resolved)
        {
            if (match.Code.Length == 0)
            {
                result.Add(match);
                continue;
            }
            if (NamesMoreSpecific(resolved, match.Code)) continue; // a more specific place was named
            if (!HasCode(result, match.Code)) result.Add(match);
        }
        return result;
    }

    /// <summary>The region codes <see cref="Find"/> returns, in text order.</summary>
    public IReadOnlyList<string> FindCodes(string text)
    {
        var found = Find(text);
        var codes = new List<string>(found.Count);
        foreach (var m in found) if (m.Code.Length > 0) codes.Add(m.Code);
        return codes;
    }

    private static bool AllCity(List<Region> regions)
    {
        foreach (var r in regions) if (r.Level != PlaceLevel.City) return false;
        return true;
    }

    private bool NamesMoreSpecific(List<PlaceMatch> matches, string code)
    {
        foreach (var other in matches)
            if (other.Code.Length > 0 && _gazetteer.Contains(code, other.Code)) return true;
        return false;
    }

    private static bool HasCode(List<PlaceMatch> matches, string code)
    {
        foreach (var m in matches) if (m.Code == code) return true;
        return false;
    }

    private static bool InsideMentionOrTopic(string text, int position)
    {
        // Mentions and topics are short (SocialSpans caps them at 40 characters): look back that far.
        for (var i = position; i >= 0 && position - i <= 41; i--)
        {
            if (text[i] is not ('@' or '＠' or '#' or '＃')) continue;
            var length = SocialSpans.At(text, i);
            if (length > 0 && i + length > position) return true;
        }
        return false;
    }

    private Region? Resolve(Entry entry, List<(Entry Entry, int Start, int Length)> all)
    {
        if (entry.Regions.Count == 0) return null;
        if (entry.Regions.Count == 1) return entry.Regions[0];
        // Same name in several places: keep the one related to another place of the text.
        var others = all.Where(o => !ReferenceEquals(o.Entry, entry)).SelectMany(o => o.Entry.Regions).Select(r => r.Code).ToList();
        var related = entry.Regions.Where(r => others.Any(o => _gazetteer.Contains(o, r.Code) || _gazetteer.Contains(r.Code, o))).ToList();
        if (related.Count == 1) return related[0];
        return _gazetteer.CommonAncestor((related.Count > 0 ? related : entry.Regions).Select(r => r.Code));
    }

    private List<(Entry Entry, int Start, int Length)> ScanLongest(string text)
    {
        var found = new List<(Entry, int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var node = _root;
            Entry? best = null;
            var bestLength = 0;
            for (var j = i; j < text.Length; j++)
            {
                if (node.Children is null || !node.Children.TryGetValue(text[j], out node)) break;
                if (node.Entry is not null)
                {
                    best = node.Entry;
                    bestLength = j - i + 1;
                }
            }
            if (best is null)
            {
                i++;
                continue;
            }
            if (best.Regions.Count > 0 || best.Road is not null) found.Add((best, i, bestLength));
            i += bestLength;
        }
        return found;
    }

    private static IEnumerable<string> ShortForms(Region region)
    {
        var name = region.Name;
        switch (region.Level)
        {
            case PlaceLevel.City when name.EndsWith('市') && name.Length >= 3:
            case PlaceLevel.District when (name.EndsWith('区') || name.EndsWith('县') || name.EndsWith('市')) && name.Length >= 3:
                yield return name[..^1];
                break;
            case PlaceLevel.Street when name.EndsWith("街道", StringComparison.Ordinal) && name.Length >= 5:
                yield return name[..^2];
                break;
            case PlaceLevel.Community when name.EndsWith("社区居委会", StringComparison.Ordinal) && name.Length >= 6:
                yield return name[..^3];
                break;
            case PlaceLevel.Community when name.EndsWith("村委会", StringComparison.Ordinal) && name.Length >= 5:
                yield return name[..^2];
                break;
            case PlaceLevel.Community when name.EndsWith("居委会", StringComparison.Ordinal) && name.Length >= 6:
                yield return name[..^3];
                break;
        }
    }

    private static void Add(Dictionary<string, List<Region>> map, string name, Region region)
    {
        if (!map.TryGetValue(name, out var list)) map[name] = list = [];
        if (!list.Contains(region)) list.Add(region);
    }

    private void Insert(string name, Entry entry)
    {
        var node = _root;
        foreach (var c in name)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(c, out var child)) node.Children[c] = child = new Node();
            node = child;
        }
        node.Entry = entry;
    }

    private Entry? Lookup(string name)
    {
        var node = _root;
        foreach (var c in name)
        {
            if (node.Children is null || !node.Children.TryGetValue(c, out node)) return null;
        }
        return node.Entry;
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children;
        public Entry? Entry;
    }

    private sealed record Entry(List<Region> Regions, string? Road);
}
