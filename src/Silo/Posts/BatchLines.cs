namespace CityMatrix.Silo.Posts;

/// <summary>
/// A batch's lines sorted before ingestion: a bad line answered at once with its faults, each post's first line to be
/// ingested, and its later copies in the same batch (stored once, answered like the first).
/// </summary>
public sealed class BatchLines
{
    private BatchLines(int count) => Outcomes = new PostBatchOutcome[count];

    /// <summary>One per line; the bad lines' are set by <see cref="Sort"/>, the rest by the caller.</summary>
    public PostBatchOutcome[] Outcomes { get; }

    /// <summary>The lines to ingest, in order: index and post key, each key once.</summary>
    public List<(int Index, string Key)> Fresh { get; } = [];

    private List<(int Index, int First)> Repeats { get; } = [];

    public static BatchLines Sort(IReadOnlyList<IncomingPost?> batch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var lines = new BatchLines(batch.Count);
        var firstOfKey = new Dictionary<string, int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var faults = PostValidator.Validate(batch[i], now);
            if (faults.Count > 0)
            {
                lines.Outcomes[i] = PostBatchOutcome.Rejected(new PostRejectedException(faults).Errors);
                continue;
            }
            var key = PostRecord.KeyOf(batch[i]!.Platform!, batch[i]!.PostId!);
            if (firstOfKey.TryAdd(key, i)) lines.Fresh.Add((i, key));
            else lines.Repeats.Add((i, firstOfKey[key]));
        }
        return lines;
    }

    /// <summary>Once the fresh lines are answered: each copy gets its first line's answer.</summary>
    public IReadOnlyList<PostBatchOutcome> AnswerRepeats()
    {
        foreach (var (index, first) in Repeats) Outcomes[index] = Outcomes[first];
        return Outcomes;
    }
}
