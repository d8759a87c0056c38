namespace CityMatrix.Silo.Surges;

/// <summary>
/// The decision (docs/SURGES.md, "Rule"): with baseline counts b₁…bₙ (n ≥ MinBaselineDays) and today's count x ≥ MinCount,
/// a surge is x &gt; max(b) or z = (x − median(b)) / s ≥ ZThreshold, where s = 1.4826·MAD(b), or 1.2533·mean absolute
/// deviation when the MAD is 0 (mostly-zero histories), and never below 1 (counts move in whole cases).
/// </summary>
public static class SurgeDetector
{
    /// <summary>1/Φ⁻¹(3/4): makes the MAD estimate the standard deviation of normal data.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>√(π/2): the same for the mean absolute deviation (IBM's fallback for the modified z-score).</summary>
    public const double MeanAdToSigma = 1.2533;

    public static SurgeDecision Judge(int count, IReadOnlyList<int> baseline, SurgeOptions options)
    {
        if (baseline.Count == 0) return SurgeDecision.NoHistory(count);
        var median = Median(baseline.Select(b => (double)b));
        var max = baseline.Max();
        var scale = Scale(baseline, median);
        var z = (count - median) / scale;
        var enoughHistory = baseline.Count >= options.MinBaselineDays;
        var overMax = count > max;
        var overZ = z >= options.ZThreshold;
        var fires = enoughHistory && count >= options.MinCount && (overMax || overZ);
        var rule = overMax && overZ ? "max+z" : overMax ? "max" : overZ ? "z" : "";
        return new SurgeDecision(fires, count, rule, max, median, scale, z, enoughHistory, Threshold(max, median, scale, options));
    }

    /// <summary>The smallest count that would be a surge against this baseline.</summary>
    private static int Threshold(int max, double median, double scale, SurgeOptions options)
    {
        var byZ = (int)Math.Ceiling(median + options.ZThreshold * scale - 1e-9);
        return Math.Max(options.MinCount, Math.Min(max + 1, byZ));
    }

    public static double Scale(IReadOnlyList<int> values, double median)
    {
        var deviations = values.Select(v => Math.Abs(v - median)).ToList();
        var mad = Median(deviations);
        var scale = mad > 0 ? MadToSigma * mad : MeanAdToSigma * deviations.Average();
        return Math.Max(scale, 1.0);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
