using System.Runtime.CompilerServices;

namespace CityMatrix.Nlp.Segmentation;

/// <summary>
/// jieba's precise mode, step for step as jieba-rs (inside @node-rs/jieba 2.0.3) does it:
/// split the text into dictionary blocks (<see cref="CharClasses.IsDictionaryBlock"/>) and single other
/// scalars; in a block, take the maximum-probability route over the prefix-dictionary DAG
/// (ties go to the longer word); then join what the route leaves as single characters: with HMM, a run
/// that is not itself a dictionary word is re-cut by Viterbi (BMES), without HMM a run of ASCII
/// alphanumerics becomes one token.
/// </summary>
/// <remarks>Reads the dictionary without locking; the caller must exclude concurrent writers.</remarks>
internal sealed class RouteSegmenter(PrefixDictionary dict, HmmModel hmm)
{
    public PrefixDictionary Dictionary => dict;

    public void Segment<TSink>(ReadOnlySpan<char> text, bool useHmm, ref TSink sink) where TSink : struct, ITokenSink
    {
        var scratch = SegmenterScratch.Current;
        var i = 0;
        while (i < text.Length)
        {
            var cp = ReadScalar(text, i, out var width);
            if (!CharClasses.IsDictionaryBlock(cp))
            {
                if (cp == '\r' && i + 1 < text.Length && text[i + 1] == '\n') width = 2;
                sink.Add(i, width);
                i += width;
                continue;
            }
            var n = 0;
            var j = i;
            while (j < text.Length)
            {
                cp = ReadScalar(text, j, out width);
                if (!CharClasses.IsDictionaryBlock(cp)) break;
                if (n + 1 >= scratch.CodePoints.Length) Grow(scratch, n);
                scratch.CodePoints[n] = cp;
                scratch.Offsets[n] = j;
                n++;
                j += width;
            }
            scratch.Offsets[n] = j;
            CutBlock(scratch, n, useHmm, ref sink);
            i = j;
        }
        SegmenterScratch.TrimIfHuge();
    }

    private static void Grow(SegmenterScratch scratch, int n)
    {
        var cps = scratch.CodePoints;
        var offs = scratch.Offsets;
        scratch.EnsureBlock(n + 1);
        Array.Copy(cps, scratch.CodePoints, n);
        Array.Copy(offs, scratch.Offsets, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadScalar(ReadOnlySpan<char> text, int i, out int width)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, text[i + 1]);
        }
        width = 1;
        return c;
    }

    private void CutBlock<TSink>(SegmenterScratch scratch, int n, bool useHmm, ref TSink sink) where TSink : struct, ITokenSink
    {
        CalcRoute(scratch, n);
        var end = scratch.RouteEnd;
        var cps = scratch.CodePoints;
        var x = 0;
        var left = -1;
        while (x < n)
        {
            var y = end[x];
            if (y - x == 1 && (useHmm || CharClasses.IsAsciiAlphanumeric(cps[x])))
            {
                if (left < 0) left = x;
            }
            else
            {
                if (left >= 0)
                {
                    FlushRun(scratch, left, x, useHmm, ref sink);
                    left = -1;
                }
                Emit(scratch, x, y, ref sink);
            }
            x = y;
        }
        if (left >= 0) FlushRun(scratch, left, n, useHmm, ref sink);
    }

    /// <summary>jieba's calc(): route[idx] = max over dictionary words idx..k of ln f - ln total + route[k].</summary>
    private void CalcRoute(SegmenterScratch scratch, int n)
    {
        var cps = scratch.CodePoints;
        var prob = scratch.RouteProb;
        var end = scratch.RouteEnd;
        var logTotal = Math.Log(dict.Total);
        var logOne = 0.0 - logTotal;
        prob[n] = 0.0;
        end[n] = n;
        for (var idx = n - 1; idx >= 0; idx--)
        {
            var best = double.NegativeInfinity;
            var bestEnd = -1;
            var node = 0;
            for (var k = idx; k < n; k++)
            {
                node = dict.Child(node, cps[k]);
                if (node == 0) break;
                if (!dict.IsWord(node)) continue;
                // Same operation order as jieba-rs so that ties resolve identically.
                var p = dict.LogFreq(node) - logTotal + prob[k + 1];
                if (bestEnd < 0 || p >= best)
                {
                    best = p;
                    bestEnd = k + 1;
                }
            }
            if (bestEnd < 0)
            {
                best = logOne + prob[idx + 1];
                bestEnd = idx + 1;
            }
            prob[idx] = best;
            end[idx] = bestEnd;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit<TSink>(SegmenterScratch scratch, int from, int to, ref TSink sink) where TSink : struct, ITokenSink
    {
        var start = scratch.Offsets[from];
        sink.Add(start, scratch.Offsets[to] - start);
    }

    private void FlushRun<TSink>(SegmenterScratch scratch, int from, int to, bool useHmm, ref TSink sink) where TSink : struct, ITokenSink
    {
        if (!useHmm || to - from == 1)
        {
            Emit(scratch, from, to, ref sink);
            return;
        }
        if (dict.Find(scratch.CodePoints.AsSpan(from, to - from)) != 0)
        {
            for (var k = from; k < to; k++) Emit(scratch, k, k + 1, ref sink);
            return;
        }
        HmmCut(scratch, from, to, ref sink);
    }

    /// <summary>jieba's finalseg.cut: Viterbi over [\u4E00-\u9FD5] runs, RE_SKIP over the rest.</summary>
    private void HmmCut<TSink>(SegmenterScratch scratch, int from, int to, ref TSink sink) where TSink : struct, ITokenSink
    {
        var cps = scratch.CodePoints;
        var k = from;
        while (k < to)
        {
            var j = k;
            if (CharClasses.IsHmmHan(cps[k]))
            {
                while (j < to && CharClasses.IsHmmHan(cps[j])) j++;
                if (j - k == 1) Emit(scratch, k, j, ref sink);
                else Viterbi(scratch, k, j, ref sink);
            }
            else
            {
                while (j < to && !CharClasses.IsHmmHan(cps[j])) j++;
                SkipSplit(scratch, k, j, ref sink);
            }
            k = j;
        }
    }

    /// <summary>
    /// Splits a non-Han run by jieba-rs 0.10's RE_SKIP <c>([a-zA-Z0-9]+(?:.\d+)?%?)</c>, where the dot is
    /// unescaped and so matches any character but a newline: matches and the gaps between them are tokens.
    /// </summary>
    private static void SkipSplit<TSink>(SegmenterScratch scratch, int from, int to, ref TSink sink) where TSink : struct, ITokenSink
    {
        var cps = scratch.CodePoints;
        var pos = from;
        while (pos < to)
        {
            var cursor = pos;
            while (cursor < to && !CharClasses.IsAsciiAlphanumeric(cps[cursor])) cursor++;
            if (cursor == to)
            {
                Emit(scratch, pos, to, ref sink);
                return;
            }
            var e = cursor;
            while (e < to && CharClasses.IsAsciiAlphanumeric(cps[e])) e++;
            if (e < to && cps[e] != '\n')
            {
                var d = e + 1;
                while (d < to && IsDigit(cps[d])) d++;
                if (d > e + 1) e = d;
            }
            if (e < to && cps[e] == '%') e++;
            if (cursor > pos) Emit(scratch, pos, cursor, ref sink);
            Emit(scratch, cursor, e, ref sink);
            pos = e;
        }
    }

    private static bool IsDigit(int cp) => cp < 128 ? (uint)(cp - '0') <= 9 : System.Text.Rune.IsDigit(new System.Text.Rune(cp));

    private void Viterbi<TSink>(SegmenterScratch scratch, int from, int to, ref TSink sink) where TSink : struct, ITokenSink
    {
        var n = to - from;
        scratch.EnsureViterbi(n);
        var v = scratch.Viterbi;
        var back = scratch.Back;
        var path = scratch.Path;
        var cps = scratch.CodePoints;
        var emit = hmm.Emit;
        var trans = hmm.Trans;
        var start = hmm.Start;

        var e0 = hmm.EmitIndex(cps[from]);
        for (var y = 0; y < 4; y++) v[y] = start[y] + emit[e0 + y];

        for (var t = 1; t < n; t++)
        {
            var ei = hmm.EmitIndex(cps[from + t]);
            var prev = (t - 1) * 4;
            var cur = t * 4;
            // Predecessors per state, as in jieba: B←{E,S}, E←{B,M}, M←{M,B}, S←{S,E}. On equal
            // scores jieba compares (prob, state) tuples, so the larger state index wins.
            Step(v, back, prev, cur, HmmModel.B, HmmModel.E, HmmModel.S, trans, emit[ei + HmmModel.B]);
            Step(v, back, prev, cur, HmmModel.E, HmmModel.B, HmmModel.M, trans, emit[ei + HmmModel.E]);
            Step(v, back, prev, cur, HmmModel.M, HmmModel.M, HmmModel.B, trans, emit[ei + HmmModel.M]);
            Step(v, back, prev, cur, HmmModel.S, HmmModel.S, HmmModel.E, trans, emit[ei + HmmModel.S]);
        }

        var last = (n - 1) * 4;
        var state = v[last + HmmModel.S] >= v[last + HmmModel.E] ? HmmModel.S : HmmModel.E;
        for (var t = n - 1; t >= 0; t--)
        {
            path[t] = (byte)state;
            if (t > 0) state = back[t * 4 + state];
        }

        var begin = 0;
        var next = 0;
        for (var t = 0; t < n; t++)
        {
            switch (path[t])
            {
                case HmmModel.B:
                    begin = t;
                    break;
                case HmmModel.E:
                    Emit(scratch, from + begin, from + t + 1, ref sink);
                    next = t + 1;
                    break;
                case HmmModel.S:
                    Emit(scratch, from + t, from + t + 1, ref sink);
                    next = t + 1;
                    break;
            }
        }
        if (next < n) Emit(scratch, from + next, to, ref sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(double[] v, byte[] back, int prev, int cur, int y, int p0, int p1, double[] trans, double em)
    {
        var a = v[prev + p0] + trans[p0 * 4 + y] + em;
        var b = v[prev + p1] + trans[p1 * 4 + y] + em;
        var aWins = a > b || (a == b && p0 > p1);
        v[cur + y] = aWins ? a : b;
        back[cur + y] = (byte)(aWins ? p0 : p1);
    }
}
