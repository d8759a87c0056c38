using System.Runtime.CompilerServices;

namespace CityMatrix.Nlp.Segmentation;

/// <summary>
/// jieba's prefix dictionary as a trie over Unicode scalar values: node 0 is the root, children are
/// found through a direct table for the root's BMP children and one open-addressing hash table for
/// everything else, each slot one 64-bit word packing (parent node: 21 bits, code point: 21 bits,
/// child node: 21 bits) so a probe costs one memory load. Each node that ends a word carries the
/// word's frequency and ln(frequency). Building from dict.txt's 349k words takes about 100 ms, so no
/// precompiled form is needed.
/// </summary>
/// <remarks>Not thread-safe for writes; <see cref="JiebaSegmenter"/> guards mutation with a lock.</remarks>
internal sealed class PrefixDictionary
{
    private const int NoNode = 0; // the root is never a child, so 0 doubles as "absent"
    private const int Bits = 21;
    private const ulong Mask = (1UL << Bits) - 1;

    /// <summary>Node ids must fit the 21 bits of a packed slot.</summary>
    public const int MaxNodes = 1 << Bits;

    private readonly int[] _rootBmp = new int[65536];
    private ulong[] _slots; // 0 = empty: a hashed key always has a parent ≥ 1 or a code point ≥ 65536
    private int _hashCount;
    private int _hashShift;

    // Per-node data (index = node id). A node that is no word has _freq = -1 and _logFreq = NaN.
    private long[] _freq;
    private double[] _logFreq;
    private int[] _tag;
    private int _nodeCount = 1;

    private readonly List<string> _tags = [""];

    public PrefixDictionary(int expectedNodes = 1024)
    {
        var capacity = 16;
        while (capacity < expectedNodes * 2) capacity <<= 1;
        _slots = new ulong[capacity];
        _hashShift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _freq = new long[Math.Max(16, expectedNodes)];
        _logFreq = new double[_freq.Length];
        _tag = new int[_freq.Length];
        _freq[0] = -1;
        _logFreq[0] = double.NaN;
    }

    /// <summary>Sum of all word frequencies (jieba's "total").</summary>
    public long Total { get; private set; }

    public int WordCount { get; private set; }

    /// <summary>Length in scalars of the longest word.</summary>
    public int MaxWordLength { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Child(int node, int codePoint)
    {
        if (node == 0 && codePoint < 65536) return _rootBmp[codePoint];
        var key = ((ulong)(uint)node << Bits) | (uint)codePoint;
        var slots = _slots;
        var mask = slots.Length - 1;
        var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> _hashShift);
        while (true)
        {
            var entry = slots[slot];
            if (entry >> Bits == key) return (int)(entry & Mask);
            if (entry == 0) return NoNode;
            slot = (slot + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsWord(int node) => !double.IsNaN(_logFreq[node]); // one array read on the hot path

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double LogFreq(int node) => _logFreq[node];

    public long Freq(int node) => _freq[node];

    public string Tag(int node) => _tags[_tag[node]];

    /// <summary>The node of <paramref name="word"/> (given as code points), or 0 when it is not a word.</summary>
    public int Find(ReadOnlySpan<int> word)
    {
        var node = 0;
        foreach (var cp in word)
        {
            node = Child(node, cp);
            if (node == NoNode) return NoNode;
        }
        return node != 0 && IsWord(node) ? node : NoNode;
    }

    public int Find(string word)
    {
        var node = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var cp = (int)word[i];
            if (char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]))
            {
                cp = char.ConvertToUtf32(word[i], word[i + 1]);
                i++;
            }
            node = Child(node, cp);
            if (node == NoNode) return NoNode;
        }
        return node != 0 && IsWord(node) ? node : NoNode;
    }

    /// <summary>
    /// Adds or updates a word. As in jieba-rs, an existing word keeps its tag and gets the new
    /// frequency; a new word gets the tag given.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Set(ReadOnlySpan<char> word, long freq, ReadOnlySpan<char> tag)
    {
        var node = 0;
        var length = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var cp = (int)word[i];
            if (char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]))
            {
                cp = char.ConvertToUtf32(word[i], word[i + 1]);
                i++;
            }
            length++;
            var child = Child(node, cp);
            if (child == NoNode) child = AddChild(node, cp);
            node = child;
        }
        if (node == 0) return;
        if (_freq[node] >= 0)
        {
            Total -= _freq[node];
        }
        else
        {
            WordCount++;
            _tag[node] = InternTag(tag);
        }
        _freq[node] = freq;
        _logFreq[node] = Math.Log(freq);
        Total += freq;
        if (length > MaxWordLength) MaxWordLength = length;
    }

    // A dictionary has a few dozen distinct tags: a linear scan beats hashing and needs no generic
    // instantiation that would run unoptimised during start-up.
    private int InternTag(ReadOnlySpan<char> tag)
    {
        for (var i = 0; i < _tags.Count; i++)
        {
            if (tag.SequenceEqual(_tags[i])) return i;
        }
        _tags.Add(tag.ToString());
        return _tags.Count - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddChild(int parent, int codePoint)
    {
        if (_nodeCount >= MaxNodes) throw new InvalidOperationException($"The dictionary trie is full ({MaxNodes} nodes).");
        var node = _nodeCount++;
        if (node == _freq.Length)
        {
            var size = _freq.Length * 2;
            Array.Resize(ref _freq, size);
            Array.Resize(ref _logFreq, size);
            Array.Resize(ref _tag, size);
        }
        _freq[node] = -1;
        _logFreq[node] = double.NaN;
        if (parent == 0 && codePoint < 65536)
        {
            _rootBmp[codePoint] = node;
            return node;
        }
        if ((_hashCount + 1) * 2 > _slots.Length) Grow();
        Insert(((((ulong)(uint)parent << Bits) | (uint)codePoint) << Bits) | (uint)node);
        _hashCount++;
        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Insert(ulong entry)
    {
        var mask = _slots.Length - 1;
        var slot = (int)(((entry >> Bits) * 0x9E3779B97F4A7C15UL) >> _hashShift);
        while (_slots[slot] != 0) slot = (slot + 1) & mask;
        _slots[slot] = entry;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        _hashShift--;
        foreach (var entry in old)
        {
            if (entry != 0) Insert(entry);
        }
    }
}
