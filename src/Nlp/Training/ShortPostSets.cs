using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Complaints;

namespace CityMatrix.Nlp.Training;

/// <summary>
/// The project's own labelled short posts (embedded resources): hand-written training posts,
/// hand-written held-out posts (never trained on) and the template family. Lines: label TAB category TAB text.
/// </summary>
public static class ShortPostSets
{
    public const string HandWrittenTrainFile = "posts.train.tsv";
    public const string HandWrittenHeldOutFile = "posts.heldout.tsv";

    public sealed record ShortPost(string Text, bool IsComplaint, string? Category);

    public static List<ShortPost> Read(TextReader reader)
    {
        var list = new List<ShortPost>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t', 3);
            if (parts.Length != 3 || parts[0] is not ("0" or "1")) throw new InvalidDataException($"bad short-post line: {line}");
            list.Add(new ShortPost(parts[2], parts[0] == "1", parts[1] is "-" or "" ? null : parts[1]));
        }
        return list;
    }

    public static List<ShortPost> ReadEmbedded(string fileName)
    {
        using var s = typeof(ShortPostSets).Assembly.GetManifestResourceStream("CityMatrix.Nlp.Training." + fileName)
                      ?? throw new InvalidOperationException($"embedded set '{fileName}' missing");
        using var r = new StreamReader(s);
        return Read(r);
    }

    public static List<ShortPost> HandWrittenTrain() => ReadEmbedded(HandWrittenTrainFile);
    public static List<ShortPost> HandWrittenHeldOut() => ReadEmbedded(HandWrittenHeldOutFile);

    public static List<ShortPost> Templates(int complaints = 1200, int negatives = 1200, int seed = 7) =>
        ComplaintPostGenerator.Generate(complaints, negatives, seed)
            .Select(p => new ShortPost(p.Text, p.Label == ComplaintPostGenerator.Complaint, p.Category)).ToList();

    /// <summary>Category-labelled short posts for training the category model (templates + hand-written training posts).</summary>
    public static List<LabelledExample> CategoryTraining() =>
        Templates(600, 0, 11).Concat(HandWrittenTrain())
            .Where(p => p.Category is not null).Select(p => new LabelledExample(p.Text, p.Category!)).ToList();

    public static List<LabelledExample> CategoryHeldOut() =>
        HandWrittenHeldOut().Where(p => p.Category is not null).Select(p => new LabelledExample(p.Text, p.Category!)).ToList();
}
