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

    public CategoryResult Classify(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new CategoryResult(CategoryVocabulary.Other, null, 0f) : Classify(new FeatureText(text));

    internal CategoryResult Classify(FeatureText text)
    {
        if (string.IsNullOrWhiteSpace(text.Text)) return new CategoryResult(CategoryVocabulary.Other, null, 0f);
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
                int ti = IndexOfLabel(topicCategory);
                if (score < UnsureBelow && ti >= 0) { category = topicCategory; score = p[ti]; }
                else topic = null; // the topic belongs to another category: not reliable here
            }
        }
        return new CategoryResult(category, topic, score);
    }

    private int IndexOfLabel(string label)
    {
        for (int i = 0; i < Model.Labels.Count; i++) if (Model.Labels[i] == label) return i;
        return -1;
    }

    /// <summary>The topic whose keywords occur most often (earliest first on ties), or null.</summary>
    public static string? DetectTopic(string text) => DetectTopic(new FeatureText(text));

    private static readonly string[] TopicNames = CategoryVocabulary.Topics.Keys.ToArray();

    private static string? DetectTopic(FeatureText text)
    {
        // A couple of dozen topics: counting into stack arrays indexed by topic beats two dictionaries per post.
        var matches = text.Matches(TopicLexicon);
        if (matches.Count == 0) return null;
        Span<int> counts = stackalloc int[TopicNames.Length];
        Span<int> first = stackalloc int[TopicNames.Length];
        foreach (var (start, _, topic) in matches)
        {
            int t = Array.IndexOf(TopicNames, topic);
            if (counts[t]++ == 0) first[t] = start;
        }
        // Distinct topics have distinct first positions, so "most, then earliest" has exactly one answer.
        int best = -1;
        for (int t = 0; t < TopicNames.Length; t++)
        {
            if (counts[t] == 0) continue;
            if (best < 0 || counts[t] > counts[best] || (counts[t] == counts[best] && first[t] < first[best])) best = t;
        }
        return TopicNames[best];
    }
}
