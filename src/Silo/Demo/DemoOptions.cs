namespace CityMatrix.Silo.Demo;

/// <summary>The "Demo" configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Feed the bundled sample posts in, round after round (scripts/run.sh turns it on; off by default).</summary>
    public bool Stream { get; set; }

    /// <summary>Sample posts per minute.</summary>
    public double PostsPerMinute { get; set; } = 20;

    /// <summary>Every this many posts, one forwarded case is answered and closed by its unit, so replies reach the feed.</summary>
    public int AnswerEvery { get; set; } = 3;

    /// <summary>An NDJSON file to stream instead of the bundled sample.</summary>
    public string? File { get; set; }
}
