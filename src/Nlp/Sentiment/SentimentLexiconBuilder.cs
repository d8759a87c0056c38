using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Sentiment;

/// <summary>
/// Builds the polarity/negation/degree lexicon from the academic word lists (HowNet, NTUSD,
/// Tsinghua Li Jun, negation words, degree adverbs), keeping only words seen in the training
/// texts so the subset embedded in the model stays small. Words listed on both sides are dropped.
/// </summary>
public static class SentimentLexiconBuilder
{
    public static readonly string[] PositiveFiles =
        ["hownet_positive_evaluation_zh.txt", "hownet_positive_emotion_zh.txt", "ntusd_positive.txt", "tsinghua_lijun_positive.txt"];
    public static readonly string[] NegativeFiles =
        ["hownet_negative_evaluation_zh.txt", "hownet_negative_emotion_zh.txt", "ntusd_negative.txt", "tsinghua_lijun_negative.txt"];

    public static Dictionary<string, string> Build(string lexiconDirectory, IEnumerable<string> corpus, int minCorpusCount = 2)
    {
        var pos = ReadWords(lexiconDirectory, PositiveFiles);
        var neg = ReadWords(lexiconDirectory, NegativeFiles);
        var both = pos.Intersect(neg).ToHashSet();
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        // Single characters from these lists are too ambiguous inside running text.
        foreach (var w in pos) if (!both.Contains(w) && w.Length >= 2) entries[w] = FeatureExtractor.PositiveClass;
        foreach (var w in neg) if (!both.Contains(w) && w.Length >= 2) entries[w] = FeatureExtractor.NegativeClass;
        foreach (var w in ReadWords(lexiconDirectory, ["negation_words.txt"])) entries[w] = FeatureExtractor.NegationClass;
        foreach (var w in ReadWords(lexiconDirectory, ["degree_adverbs.csv", "hownet_degree_zh.txt"]))
            if (!entries.ContainsKey(w)) entries[w] = FeatureExtractor.DegreeClass;
        return FilterByCorpus(entries, corpus, minCorpusCount);
    }

    /// <summary>Keeps entries matched at least <paramref name="minCount"/> times in the corpus.</summary>
    public static Dictionary<string, string> FilterByCorpus(Dictionary<string, string> entries, IEnumerable<string> corpus, int minCount)
    {
        var lex = new PhraseLexicon(entries);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in corpus)
        {
            var norm = TextNormalizer.Normalize(text);
            foreach (var (start, length, _) in lex.Match(norm))
            {
                var w = norm.Substring(start, length);
                counts[w] = counts.GetValueOrDefault(w) + 1;
            }
        }
        return entries.Where(e => counts.GetValueOrDefault(e.Key) >= minCount).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private static HashSet<string> ReadWords(string dir, IEnumerable<string> files)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var path = Path.Combine(dir, f);
            if (!File.Exists(path)) continue;
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw.Trim().Trim('\uFEFF');
                if (line.Length == 0 || line.Contains('\t') || line.Contains('|') || char.IsAsciiDigit(line[0]) && line.Contains('.')) continue;
                var word = line.Split(',')[0].Trim();
                if (word.Length is >= 1 and <= 8 && !word.Any(char.IsWhiteSpace)) set.Add(TextNormalizer.Normalize(word));
            }
        }
        set.Remove("");
        return set;
    }
}
