using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Categories;

/// <summary>
/// Category + topic for citizen messages and short posts. Thread-safe (immutable model).
/// The topic comes from keywords; when the model is unsure (P &lt; 0.5) and a topic keyword is
/// present, the topic's category wins, since such keywords are more reliable than a weak guess.
/// </summary>
public sealed class CategoryClassifier(TextClassifier model)
{
    public const string ModelFileName = "category.model";
    private const float UnsureBelow = 0.5f;

    private static readonly Lazy<CategoryClassifier> LazyDefault = new(
        () => new CategoryClassifier(ModelFile.LoadEmbedded(ModelFileName, JiebaWordTokenizer.Default)), LazyThreadSafetyMode.ExecutionAndPublication);

    public static CategoryClassifier Default => LazyDefault.Value;

    private static readonly PhraseLexicon TopicLexicon = new(
        CategoryVocabulary.Topics.SelectMany(t => t.Value.Keywords.Select(k => new KeyValuePair<string, string>(k, t.Key))));

    public TextClassifier Model { get; } = model;

    public CategoryResult Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new CategoryResult(CategoryVocabulary.Other, null, 0f);
        var p = Model.Probabilities(text);
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        string category = Model.Labels[best];
        float score = p[best];
        string? topic = DetectTopic(text);
        if (topic is not null)
        {
            string topicCategory = CategoryVocabulary.CategoryOfTopic(topic);
            if (topicCategory != category)
            {
                int ti = Model.Labels.ToList().IndexOf(topicCategory);
                if (score < UnsureBelow && ti >= 0) { category = topicCategory; score = p[ti]; }
                else topic = null; // the topic belongs to another category: not reliable here
            }
        }
        return new CategoryResult(category, topic, score);
    }

    /// <summary>The topic whose keywords occur most often (earliest first on ties), or null.</summary>
    public static string? DetectTopic(string text)
    {
        var counts = new Dictionary<string, int>();
        var first = new Dictionary<string, int>();
        foreach (var (start, _, topic) in TopicLexicon.Match(TextNormalizer.Normalize(text)))
        {
            counts[topic] = counts.GetValueOrDefault(topic) + 1;
            first.TryAdd(topic, start);
        }
        return counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => first[c.Key]).First().Key;
    }
}
