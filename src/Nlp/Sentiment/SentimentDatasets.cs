using System.Text.Json;
using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Sentiment;

/// <summary>Readers for the research sentiment sets (paths given by the caller; nothing is shipped).</summary>
public static class SentimentDatasets
{
    public const string Positive = "pos";
    public const string Negative = "neg";

    /// <summary>weibo2018 "mid,label,text" lines (1 = positive); text may itself contain commas.</summary>
    public static List<LabelledExample> ReadWeibo2018(string path)
    {
        var list = new List<LabelledExample>();
        foreach (var line in File.ReadLines(path))
        {
            int a = line.IndexOf(',');
            int b = a < 0 ? -1 : line.IndexOf(',', a + 1);
            if (b < 0) continue;
            var label = line.AsSpan(a + 1, b - a - 1).Trim();
            if (label is not ("0" or "1")) continue;
            list.Add(new LabelledExample(line[(b + 1)..], label is "1" ? Positive : Negative));
        }
        return list;
    }

    /// <summary>ChnSentiCorp "text,label" CSV (1 = positive).</summary>
    public static List<LabelledExample> ReadChnSentiCorp(string path) =>
        CsvRecords.ReadWithHeader(path)
            .Where(r => r.GetValueOrDefault("label") is "0" or "1" && !string.IsNullOrWhiteSpace(r.GetValueOrDefault("text")))
            .Select(r => new LabelledExample(r["text"], r["label"] == "1" ? Positive : Negative))
            .ToList();

    /// <summary>SMP2020-EWECT JSON array of {content, label} with six emotion labels.</summary>
    public static List<LabelledExample> ReadEwect(string path)
    {
        using var s = File.OpenRead(path);
        using var doc = JsonDocument.Parse(s);
        var list = new List<LabelledExample>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var text = e.TryGetProperty("content", out var c) ? c.GetString() : null;
            var label = e.TryGetProperty("label", out var l) ? l.GetString() : null;
            if (!string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(label)) list.Add(new LabelledExample(text, label));
        }
        return list;
    }

    /// <summary>Emotion → polarity where it is clear (happy → pos; angry, sad, fear → neg); others dropped.</summary>
    public static IEnumerable<LabelledExample> EmotionAsPolarity(IEnumerable<LabelledExample> emotions, float weight) =>
        emotions.Select(e => e.Label switch
        {
            "happy" => e with { Label = Positive, Weight = weight },
            "angry" or "sad" or "fear" => e with { Label = Negative, Weight = weight },
            _ => null,
        }).OfType<LabelledExample>();
}
