using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CityMatrix.Nlp.Segmentation;

/// <summary>
/// Chinese word segmenter compatible with jieba's precise mode (token for token with @node-rs/jieba 2.0.3
/// on the same dictionary). One instance is meant to be shared: cutting is thread-safe and may run
/// concurrently; adding words takes a write lock, so cuts wait while a dictionary is being loaded.
/// </summary>
public sealed class JiebaSegmenter
{
    private static readonly Lazy<JiebaSegmenter> DefaultInstance = new(CreateDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    // Guards the dictionary: the trie's hash table may be rebuilt by a write.
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly RouteSegmenter _engine;

    private JiebaSegmenter(PrefixDictionary dict, HmmModel hmm) => _engine = new RouteSegmenter(dict, hmm);

    /// <summary>The shared segmenter: jieba's dictionary plus the governance user dictionary (places, units, complaint terms).</summary>
    public static JiebaSegmenter Default => DefaultInstance.Value;

    /// <summary>A new segmenter with exactly jieba's dictionary and HMM, as @node-rs/jieba ships them.</summary>
    public static JiebaSegmenter CreateJiebaOnly()
    {
        // The HMM parses on another core while the dictionary builds: start-up is the sum otherwise.
        var hmm = Task.Run(() =>
        {
            using var reader = NlpData.OpenText(NlpData.JiebaHmm);
            return HmmModel.Load(reader);
        });
        PrefixDictionary dict;
        using (var stream = NlpData.Open(NlpData.JiebaDict)) dict = LoadMainDictionary(stream);
        return new JiebaSegmenter(dict, hmm.GetAwaiter().GetResult());
    }

    /// <summary>A new segmenter with jieba's data and the governance user dictionary.</summary>
    public static JiebaSegmenter CreateDefault()
    {
        var segmenter = CreateJiebaOnly();
        using var reader = NlpData.OpenText(NlpData.GovernanceDict);
        segmenter.LoadUserDictionary(reader);
        return segmenter;
    }

    public int WordCount => _engine.Dictionary.WordCount;

    // Tokens are gathered in a reused per-thread list and returned as an exact-size array, so a cut
    // allocates its result once instead of a generously sized, growing list.
    [ThreadStatic] private static List<string>? _tokenBuffer;

    private static List<string> RentTokenBuffer()
    {
        var buffer = _tokenBuffer ??= new List<string>(256);
        buffer.Clear();
        return buffer;
    }

    private static string[] ReturnTokens(List<string> buffer)
    {
        var result = buffer.ToArray();
        buffer.Clear();
        if (buffer.Capacity > 1 << 16) _tokenBuffer = null; // do not pin a huge buffer on this thread
        return result;
    }

    /// <summary>Cuts <paramref name="text"/> into tokens; the tokens concatenate back to the text.</summary>
    public IReadOnlyList<string> Cut(string text, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = RentTokenBuffer();
        var sink = new StringListSink(text, tokens);
        _lock.EnterReadLock();
        try
        {
            _engine.Segment(text.AsSpan(), hmm, ref sink);
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return ReturnTokens(tokens);
    }

    /// <summary>Appends the token ranges of <paramref name="text"/> to <paramref name="ranges"/>; allocates nothing else.</summary>
    public void CutRanges(ReadOnlySpan<char> text, List<TokenRange> ranges, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var sink = new RangeListSink(ranges);
        _lock.EnterReadLock();
        try
        {
            _engine.Segment(text, hmm, ref sink);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Social cut: like <see cref="Cut"/>, but URLs, @names, #topics#, [表情] codes and multi-scalar emoji stay
    /// whole tokens. Not jieba-compatible by design (jieba splits these); use it for search and display.
    /// </summary>
    public IReadOnlyList<string> CutSocial(string text, bool hmm = true) => CutSocial(text, hmm, out _);

    /// <summary>
    /// <see cref="CutSocial(string, bool)"/>; <paramref name="sameAsCut"/> tells that the text held no social span, so the
    /// tokens are exactly those of <see cref="Cut"/> with the same <paramref name="hmm"/> (one segmentation can serve both).
    /// </summary>
    internal IReadOnlyList<string> CutSocial(string text, bool hmm, out bool sameAsCut)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = RentTokenBuffer();
        var sink = new StringListSink(text, tokens);
        sameAsCut = !SegmentSocial(text.AsSpan(), hmm, ref sink);
        return ReturnTokens(tokens);
    }

    /// <summary>The token ranges of <see cref="CutSocial"/>, appended to <paramref name="ranges"/>.</summary>
    public void CutSocialRanges(ReadOnlySpan<char> text, List<TokenRange> ranges, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var sink = new RangeListSink(ranges);
        SegmentSocial(text, hmm, ref sink);
    }

    /// <summary>Returns whether any social span was kept whole; without one the text was segmented in one piece, as by Cut.</summary>
    private bool SegmentSocial<TSink>(ReadOnlySpan<char> text, bool hmm, ref TSink sink) where TSink : struct, ITokenSink
    {
        _lock.EnterReadLock();
        try
        {
            var anySpan = false;
            var gapStart = 0;
            var i = 0;
            while (i < text.Length)
            {
                var length = SocialSpans.At(text, i);
                if (length == 0)
                {
                    i++;
                    continue;
                }
                if (i > gapStart) SegmentAt(text[gapStart..i], gapStart, hmm, ref sink);
                anySpan = true;
                sink.Add(i, length);
                i += length;
                gapStart = i;
            }
            if (gapStart < text.Length) SegmentAt(text[gapStart..], gapStart, hmm, ref sink);
            return anySpan;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void SegmentAt<TSink>(ReadOnlySpan<char> part, int offset, bool hmm, ref TSink sink) where TSink : struct, ITokenSink
    {
        var shifted = new OffsetSink<TSink>(sink, offset);
        _engine.Segment(part, hmm, ref shifted);
        sink = shifted.Inner;
    }

    public bool Contains(string word)
    {
        _lock.EnterReadLock();
        try
        {
            return _engine.Dictionary.Find(word) != 0;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The frequency of <paramref name="word"/>, or null when it is not in the dictionary.</summary>
    public long? Frequency(string word)
    {
        _lock.EnterReadLock();
        try
        {
            var node = _engine.Dictionary.Find(word);
            return node == 0 ? null : _engine.Dictionary.Freq(node);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Adds <paramref name="word"/> or changes its frequency (jieba's add_word). Without a frequency the
    /// word gets jieba's suggest_freq, just enough for the route to keep it whole. Returns the frequency used.
    /// </summary>
    public long AddWord(string word, long? freq = null, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (freq is < 0) throw new ArgumentOutOfRangeException(nameof(freq), "Frequency must not be negative.");
        word = word.Trim();
        if (word.Length == 0) return 0;
        _lock.EnterWriteLock();
        try
        {
            var f = freq ?? SuggestFreqUnlocked(word);
            _engine.Dictionary.Set(word, f, tag ?? "");
            return f;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Loads a jieba user dictionary: one "word [freq] [tag]" per line, separated by whitespace; '#' starts a
    /// comment line. A missing frequency gets jieba's suggested frequency (as Python jieba's load_userdict).
    /// </summary>
    /// <exception cref="FormatException">A frequency is negative or too large; the message names the line.</exception>
    public int LoadUserDictionary(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // Parse everything first, outside the lock: a slow reader must not block cuts, and a bad line
        // leaves the dictionary unchanged.
        var entries = new List<(string Word, long? Freq, string Tag)>();
        var lineNo = 0;
        Span<Range> parts = stackalloc Range[4];
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var span = line.AsSpan().Trim();
            if (span.IsEmpty || span[0] == '#') continue;
            if (span[0] == '\uFEFF') span = span[1..].TrimStart();
            var count = SplitWhitespace(span, parts);
            if (count == 0) continue;
            long? freq = null;
            var tag = ReadOnlySpan<char>.Empty;
            if (count > 1)
            {
                var second = span[parts[1]];
                if (long.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var f)) freq = f;
                else if (char.IsAsciiDigit(second[0])) throw new FormatException($"User dictionary line {lineNo}: frequency '{second}' is not a valid number.");
                else tag = second;
                if (freq is not null && count > 2) tag = span[parts[2]];
            }
            entries.Add((span[parts[0]].ToString(), freq, tag.ToString()));
        }

        _lock.EnterWriteLock();
        try
        {
            foreach (var (word, freq, tag) in entries)
                _engine.Dictionary.Set(word, freq ?? SuggestFreqUnlocked(word), tag);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        return entries.Count;
    }

    /// <summary>jieba's suggest_freq for joining a segment: max(P(no-HMM cut) × total + 1, current freq).</summary>
    private long SuggestFreqUnlocked(string segment)
    {
        var dict = _engine.Dictionary;
        var logTotal = Math.Log(dict.Total);
        var tokens = new List<string>();
        var sink = new StringListSink(segment, tokens);
        _engine.Segment(segment.AsSpan(), false, ref sink);
        var logFreq = 0.0;
        foreach (var token in tokens)
        {
            var node = dict.Find(token);
            logFreq += Math.Log(node == 0 ? 1 : dict.Freq(node)) - logTotal;
        }
        var own = dict.Find(segment);
        return Math.Max((long)Math.Exp(logFreq + logTotal) + 1, own == 0 ? 1 : dict.Freq(own));
    }

    /// <summary>
    /// Builds the trie straight from dict.txt's UTF-8 bytes: no line strings, words decoded into a stack
    /// buffer. Optimised at first call (no tier-0 pass) since it runs once over 349k lines at start-up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PrefixDictionary LoadMainDictionary(Stream stream)
    {
        var bytes = ReadAll(stream);
        var dict = new PrefixDictionary(1 << 19); // dict.txt makes 498k trie nodes: 1M hash slots, arrays need no resize
        Span<char> word = stackalloc char[256];
        Span<char> tag = stackalloc char[32];
        var pos = 0;
        var lineNo = 0;
        if (bytes.AsSpan().StartsWith("\uFEFF"u8)) pos = 3;
        while (pos < bytes.Length)
        {
            lineNo++;
            var lineEnd = bytes.AsSpan(pos).IndexOf((byte)'\n');
            var line = lineEnd < 0 ? bytes.AsSpan(pos) : bytes.AsSpan(pos, lineEnd);
            pos = lineEnd < 0 ? bytes.Length : pos + lineEnd + 1;
            var f0 = NextField(line, 0, out var f0End);
            if (f0 < 0) continue;
            var wordBytes = line[f0..f0End];
            if (wordBytes.Length > word.Length * 3) throw new InvalidDataException($"Dictionary line {lineNo}: word too long.");
            var wordLength = Encoding.UTF8.GetChars(wordBytes, word);
            long freq = 0;
            var tagLength = 0;
            var f1 = NextField(line, f0End, out var f1End);
            if (f1 >= 0)
            {
                if (!Utf8Parser.TryParse(line[f1..f1End], out freq, out var consumed) || consumed != f1End - f1 || freq < 0)
                    throw new InvalidDataException($"Dictionary line {lineNo}: frequency '{Encoding.UTF8.GetString(line[f1..f1End])}' is not a valid integer.");
                var f2 = NextField(line, f1End, out var f2End);
                if (f2 >= 0 && f2End - f2 <= tag.Length) tagLength = Encoding.UTF8.GetChars(line[f2..f2End], tag);
            }
            dict.Set(word[..wordLength], freq, tag[..tagLength]);
        }
        return dict;
    }

    private static int NextField(ReadOnlySpan<byte> line, int from, out int end)
    {
        var i = from;
        while (i < line.Length && IsAsciiSpace(line[i])) i++;
        if (i == line.Length)
        {
            end = i;
            return -1;
        }
        var start = i;
        while (i < line.Length && !IsAsciiSpace(line[i])) i++;
        end = i;
        return start;
    }

    private static bool IsAsciiSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static byte[] ReadAll(Stream stream)
    {
        if (stream is UnmanagedMemoryStream ums && ums.Length <= int.MaxValue)
        {
            var buffer = new byte[ums.Length];
            ums.ReadExactly(buffer);
            return buffer;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static int SplitWhitespace(ReadOnlySpan<char> span, Span<Range> parts)
    {
        var count = 0;
        var i = 0;
        while (i < span.Length && count < parts.Length)
        {
            while (i < span.Length && char.IsWhiteSpace(span[i])) i++;
            if (i == span.Length) break;
            var start = i;
            while (i < span.Length && !char.IsWhiteSpace(span[i])) i++;
            parts[count++] = start..i;
        }
        return count;
    }
}
