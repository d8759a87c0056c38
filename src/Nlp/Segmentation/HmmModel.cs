using System.Globalization;

namespace CityMatrix.Nlp.Segmentation;

/// <summary>
/// jieba's character-tagging HMM (states B=0, E=1, M=2, S=3) in cppjieba's hmm_model.utf8 format:
/// start probabilities, a 4×4 transition matrix, then one "char:logprob,..." emission line per state.
/// </summary>
internal sealed class HmmModel
{
    public const int B = 0, E = 1, M = 2, S = 3;

    /// <summary>jieba's stand-in for log(0).</summary>
    public const double MinFloat = -3.14e100;

    private readonly int[] _bmpRow = new int[65536]; // 0 = no emission row
    private readonly Dictionary<int, int> _astralRow = [];
    private double[] _emit = new double[4 * 1024]; // row-major, 4 states per row; row 0 is all MinFloat
    private int _rows = 1;

    public double[] Start { get; } = new double[4];

    /// <summary>Trans[from * 4 + to].</summary>
    public double[] Trans { get; } = new double[16];

    public static HmmModel Load(TextReader reader)
    {
        var model = new HmmModel();
        model._emit.AsSpan(0, 4).Fill(MinFloat);
        var dataLines = new List<string>(9);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            dataLines.Add(trimmed);
        }
        if (dataLines.Count < 9)
            throw new InvalidDataException($"HMM model needs 9 data lines (start, 4 transitions, 4 emissions), got {dataLines.Count}.");
        ParseRow(dataLines[0], model.Start.AsSpan());
        for (var from = 0; from < 4; from++) ParseRow(dataLines[1 + from], model.Trans.AsSpan(from * 4, 4));
        for (var state = 0; state < 4; state++) model.ParseEmissions(dataLines[5 + state], state);
        return model;
    }

    /// <summary>The four emission log-probabilities of <paramref name="codePoint"/> start at the returned index of <see cref="Emit"/>.</summary>
    public int EmitIndex(int codePoint)
    {
        if (codePoint < 65536) return _bmpRow[codePoint] * 4;
        return _astralRow.TryGetValue(codePoint, out var row) ? row * 4 : 0;
    }

    public double[] Emit => _emit;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ParseEmissions(string line, int state)
    {
        foreach (var pairRange in line.AsSpan().Split(','))
        {
            var pair = line.AsSpan(pairRange).Trim();
            if (pair.IsEmpty) continue;
            var colon = pair.LastIndexOf(':');
            if (colon <= 0) throw new InvalidDataException($"Bad HMM emission entry '{pair}'.");
            var key = pair[..colon];
            var cp = char.IsHighSurrogate(key[0]) && key.Length > 1 ? char.ConvertToUtf32(key[0], key[1]) : key[0];
            var prob = double.Parse(pair[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            var row = RowOf(cp); // may grow _emit, so index only afterwards
            _emit[row * 4 + state] = prob;
        }
    }

    private int RowOf(int cp)
    {
        int row;
        if (cp < 65536)
        {
            row = _bmpRow[cp];
            if (row != 0) return row;
            row = NewRow();
            _bmpRow[cp] = row;
            return row;
        }
        if (_astralRow.TryGetValue(cp, out row)) return row;
        row = NewRow();
        _astralRow[cp] = row;
        return row;
    }

    private int NewRow()
    {
        var row = _rows++;
        if (row * 4 + 4 > _emit.Length) Array.Resize(ref _emit, _emit.Length * 2);
        _emit.AsSpan(row * 4, 4).Fill(MinFloat);
        return row;
    }

    private static void ParseRow(string line, Span<double> target)
    {
        var i = 0;
        foreach (var range in line.AsSpan().SplitAny(" \t"))
        {
            var part = line.AsSpan(range);
            if (part.IsEmpty) continue;
            if (i == target.Length) throw new InvalidDataException($"Too many values in HMM line '{line}'.");
            target[i++] = double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        if (i != target.Length) throw new InvalidDataException($"Expected {target.Length} values in HMM line '{line}'.");
    }
}
