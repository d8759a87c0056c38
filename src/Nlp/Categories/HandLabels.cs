namespace CityMatrix.Nlp.Categories;

/// <summary>
/// Gold first-level labels written by hand for unlabelled govmsg messages, stored as ids only
/// (<c>message_id&lt;TAB&gt;label_level1</c>, # comments) so no message text sits in the repository;
/// <see cref="Join"/> finds the texts in the unlabelled data at training time. A plain id is a row of
/// unlabeled_messages.csv; an id with the <see cref="ReplyIdPrefix"/> (<c>r2549</c>) is a row of messages_with_replies.csv,
/// which numbers its rows on its own (see <see cref="Pool"/>).
/// </summary>
public static class HandLabels
{
    /// <summary>The committed label file, next to the training posts.</summary>
    public const string DefaultFileName = "govmsg-hand-labels.tsv";

    /// <summary>Prefix of hand-label ids that name a row of the second unlabelled file (messages_with_replies.csv).</summary>
    public const string ReplyIdPrefix = "r";

    /// <summary>
    /// The messages hand labels may name: the first file's rows under their own ids, the second file's rows (if any)
    /// under <see cref="ReplyIdPrefix"/> + id, as the two files number their rows independently.
    /// </summary>
    public static List<GovMessage> Pool(IEnumerable<string> unlabelledPaths)
    {
        var paths = unlabelledPaths.ToList();
        var pool = GovMessage.ReadUnlabelled(paths[0]);
        if (paths.Count > 1 && File.Exists(paths[1]))
            pool.AddRange(GovMessage.ReadUnlabelled(paths[1]).Select(m => m with { Id = m.Id is null ? null : ReplyIdPrefix + m.Id }));
        return pool;
    }

    /// <summary>The committed labels, embedded in the assembly like the short-post sets.</summary>
    public static List<(string Id, string Label)> ReadEmbedded()
    {
        using var s = typeof(HandLabels).Assembly.GetManifestResourceStream("CityMatrix.Nlp.Training." + DefaultFileName)
                      ?? throw new InvalidOperationException($"embedded hand labels '{DefaultFileName}' missing");
        using var r = new StreamReader(s);
        return Read(r);
    }

    /// <summary>Parses the file; a malformed line, an unknown label or a repeated id is an error naming the line.</summary>
    public static List<(string Id, string Label)> Read(TextReader reader)
    {
        var list = new List<(string, string)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int lineNo = 0;
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length != 2 || !IsId(parts[0].Trim()))
                throw new InvalidDataException($"hand labels line {lineNo}: expected 'message_id<TAB>label_level1', got '{line}'");
            var (id, label) = (parts[0].Trim(), parts[1].Trim());
            if (!CategoryVocabulary.Categories.Contains(label))
                throw new InvalidDataException($"hand labels line {lineNo}: '{label}' is not one of {string.Join(" ", CategoryVocabulary.Categories)}");
            if (!ids.Add(id)) throw new InvalidDataException($"hand labels line {lineNo}: message {id} is labelled twice");
            list.Add((id, label));
        }
        return list;
    }

    private static bool IsId(string s)
    {
        var digits = s.StartsWith(ReplyIdPrefix, StringComparison.Ordinal) ? s[ReplyIdPrefix.Length..] : s;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    public static List<(string Id, string Label)> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"hand label file not found: {path}", path);
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    /// <summary>
    /// The labelled messages for the hand labels. Refuses (InvalidDataException) any id that belongs to the
    /// evaluation set, whose subject or detail repeats an evaluation message, or that is a near-copy of one
    /// (<see cref="NearCopies"/>: the same letter re-posted or reworded): the evaluation messages must never become
    /// training data. Ids missing from <paramref name="pool"/> are an error too (wrong data folder).
    /// </summary>
    public static List<GovMessage> Join(IReadOnlyList<(string Id, string Label)> labels, IEnumerable<GovMessage> pool, IReadOnlyList<GovMessage> evaluation)
    {
        var evalIds = evaluation.Select(m => m.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var evalTexts = evaluation.SelectMany(TextKeys).ToHashSet(StringComparer.Ordinal);
        var leaked = labels.Where(l => evalIds.Contains(l.Id)).Select(l => l.Id).ToList();
        if (leaked.Count > 0)
            throw new InvalidDataException($"hand labels include {leaked.Count} evaluation message(s): {string.Join(", ", leaked.Take(10))}");
        var byId = new Dictionary<string, GovMessage>(StringComparer.Ordinal);
        foreach (var m in pool)
            if (m.Id is { } id) byId.TryAdd(id, m);
        var nearCopies = new NearCopies(evaluation);
        var result = new List<GovMessage>(labels.Count);
        foreach (var (id, label) in labels)
        {
            if (!byId.TryGetValue(id, out var m)) throw new InvalidDataException($"hand-labelled message {id} is not in the unlabelled data");
            if (TextKeys(m).Any(evalTexts.Contains))
                throw new InvalidDataException($"hand-labelled message {id} repeats the subject or detail of an evaluation message");
            if (nearCopies.Find(m) is { } near)
                throw new InvalidDataException(
                    $"hand-labelled message {id} is a near-copy of evaluation message {near.Reference.Id ?? "(no id)"} (shingle Jaccard {near.Jaccard:F2}, containment {near.Containment:F2})");
            result.Add(m with { Label = label });
        }
        return result;
    }

    /// <summary>
    /// Hand labels that <see cref="Join"/> would refuse as near-copies of evaluation messages, with
    /// the evaluation message each one copies; for scanning a label file before committing it.
    /// </summary>
    public static List<(string Id, string EvaluationId, double Jaccard, double Containment)> FindNearCopies(
        IReadOnlyList<(string Id, string Label)> labels, IEnumerable<GovMessage> pool, IReadOnlyList<GovMessage> evaluation)
    {
        var nearCopies = new NearCopies(evaluation);
        var byId = new Dictionary<string, GovMessage>(StringComparer.Ordinal);
        foreach (var m in pool)
            if (m.Id is { } id) byId.TryAdd(id, m);
        var found = new List<(string, string, double, double)>();
        foreach (var (id, _) in labels)
            if (byId.TryGetValue(id, out var m) && nearCopies.Find(m) is { } near)
                found.Add((id, near.Reference.Id ?? "", near.Jaccard, near.Containment));
        return found;
    }

    /// <summary>Subject and detail keys, the same ones the --dedupe option compares.</summary>
    public static IEnumerable<string> TextKeys(GovMessage m)
    {
        if (m.Subject.Trim().Length > 0) yield return "s:" + m.Subject.Trim();
        if (m.Detail.Trim().Length > 0) yield return "d:" + m.Detail.Trim();
    }
}
