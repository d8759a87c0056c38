namespace CityMatrix.Nlp.Classification;

/// <summary>Accuracy and per-label precision/recall/F1 from (gold, predicted) pairs.</summary>
public sealed class Metrics
{
    private readonly List<(string Gold, string Predicted)> _pairs = [];

    public void Add(string gold, string predicted) => _pairs.Add((gold, predicted));

    public int Count => _pairs.Count;

    /// <summary>How many pairs predict <paramref name="label"/>.</summary>
    public int PredictedCount(string label) => _pairs.Count(p => p.Predicted == label);
    public double Accuracy => _pairs.Count == 0 ? 0 : _pairs.Count(p => p.Gold == p.Predicted) / (double)_pairs.Count;

    public IReadOnlyList<string> Labels => _pairs.SelectMany(p => new[] { p.Gold, p.Predicted }).Distinct().Order(StringComparer.Ordinal).ToList();

    public (double Precision, double Recall, double F1, int Support) For(string label)
    {
        int tp = _pairs.Count(p => p.Gold == label && p.Predicted == label);
        int fp = _pairs.Count(p => p.Gold != label && p.Predicted == label);
        int fn = _pairs.Count(p => p.Gold == label && p.Predicted != label);
        double pr = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
        double rc = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
        double f1 = pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc);
        return (pr, rc, f1, tp + fn);
    }

    /// <summary>Mean F1 over labels that occur in the gold data.</summary>
    public double MacroF1
    {
        get
        {
            var gold = _pairs.Select(p => p.Gold).Distinct().ToList();
            return gold.Count == 0 ? 0 : gold.Average(l => For(l).F1);
        }
    }

    public string Report()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"n={Count} accuracy={Accuracy:F4} macroF1={MacroF1:F4}");
        foreach (var l in Labels)
        {
            var m = For(l);
            sb.AppendLine($"  {l}\tP={m.Precision:F4}\tR={m.Recall:F4}\tF1={m.F1:F4}\tsupport={m.Support}");
        }
        return sb.ToString().TrimEnd();
    }
}
