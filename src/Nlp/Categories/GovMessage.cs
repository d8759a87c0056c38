using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Categories;

/// <summary>A citizen message from the govmsg research set; Label is null when unlabelled.</summary>
public sealed record GovMessage(string Subject, string Detail, string? Label, string? Reply, string? Id = null)
{
    public string Text => Subject + "。" + Detail;

    public static List<GovMessage> ReadLabelled(string path) =>
        CsvRecords.ReadWithHeader(path).Select(r => new GovMessage(r.GetValueOrDefault("subject", ""), r.GetValueOrDefault("detail", ""),
            NullIfEmpty(r.GetValueOrDefault("label_level1")), null, NullIfEmpty(r.GetValueOrDefault("message_id")))).Where(m => m.Label is not null).ToList();

    public static List<GovMessage> ReadUnlabelled(string path) =>
        CsvRecords.ReadWithHeader(path).Select(r => new GovMessage(r.GetValueOrDefault("subject", ""), r.GetValueOrDefault("detail", ""),
            null, NullIfEmpty(r.GetValueOrDefault("reply")), NullIfEmpty(r.GetValueOrDefault("message_id")))).Where(m => m.Subject.Length + m.Detail.Length > 0).ToList();

    /// <summary>taxonomy.csv rows as (level-1 category or 其他 for the ones outside our list, level-2/3 name).</summary>
    public static List<(string Category, string Name)> ReadTaxonomyNames(string path)
    {
        var list = new List<(string, string)>();
        foreach (var r in CsvRecords.ReadWithHeader(path))
        {
            var l1 = r.GetValueOrDefault("level1", "");
            var cat = CategoryVocabulary.Categories.Contains(l1) ? l1 : CategoryVocabulary.Other;
            foreach (var name in new[] { r.GetValueOrDefault("level2", ""), r.GetValueOrDefault("level3", "") })
                if (!string.IsNullOrWhiteSpace(name)) list.Add((cat, name));
        }
        return list.Distinct().ToList();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
