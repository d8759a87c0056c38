namespace CityMatrix.Nlp.Segmentation;

/// <summary>
/// Per-thread working arrays for one dictionary block, grown on demand and reused across calls so that
/// segmenting allocates only its output. Arrays that grew past <see cref="KeepLimit"/> are dropped after
/// use so one huge input does not pin memory for the life of the thread.
/// </summary>
internal sealed class SegmenterScratch
{
    private const int KeepLimit = 1 << 16;

    [ThreadStatic] private static SegmenterScratch? _current;

    public int[] CodePoints = new int[256];
    public int[] Offsets = new int[257];
    public double[] RouteProb = new double[257];
    public int[] RouteEnd = new int[257];
    public double[] Viterbi = new double[4 * 256];
    public byte[] Back = new byte[4 * 256];
    public byte[] Path = new byte[256];

    public static SegmenterScratch Current => _current ??= new SegmenterScratch();

    public void EnsureBlock(int scalars)
    {
        if (scalars + 1 <= CodePoints.Length) return;
        var size = Math.Max(scalars + 1, CodePoints.Length * 2);
        CodePoints = new int[size];
        Offsets = new int[size + 1];
        RouteProb = new double[size + 1];
        RouteEnd = new int[size + 1];
    }

    public void EnsureViterbi(int scalars)
    {
        if (scalars <= Path.Length) return;
        var size = Math.Max(scalars, Path.Length * 2);
        Viterbi = new double[4 * size];
        Back = new byte[4 * size];
        Path = new byte[size];
    }

    public static void TrimIfHuge()
    {
        if (_current is { } s && (s.CodePoints.Length > KeepLimit || s.Path.Length > KeepLimit)) _current = null;
    }
}
