namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Hashed feature index → value, enumerated in first-insertion order, reused across extractions.
/// The order matters: a model's score sums the features in vector order, and float sums are only
/// bit-identical to the original Dictionary-based extractor when the order is the same.
/// Slots are cleared by bumping a stamp, so a reset costs nothing however large the table grew.
/// Not thread-safe: one per thread (see <see cref="ForThread"/>) or per caller.
/// </summary>
internal sealed class OrderedFeatureMap
{
    private const int KeepLimit = 1 << 16;

    [ThreadStatic] private static OrderedFeatureMap? _forThread;

    private int[] _keys = new int[256];
    private float[] _values = new float[256];
    private int[] _slots = new int[512];   // index into _keys, valid only where _stamps matches
    private int[] _stamps = new int[512];
    private int _stamp = 1;
    private int _count;

    public static OrderedFeatureMap ForThread => _forThread ??= new OrderedFeatureMap();

    public int Count => _count;
    public ReadOnlySpan<int> Keys => _keys.AsSpan(0, _count);
    public ReadOnlySpan<float> Values => _values.AsSpan(0, _count);
    public Span<float> MutableValues => _values.AsSpan(0, _count);

    public void Clear()
    {
        _count = 0;
        if (_keys.Length > KeepLimit)
        {
            _keys = new int[256];
            _values = new float[256];
            _slots = new int[512];
            _stamps = new int[512];
            _stamp = 1;
            return;
        }
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }

    /// <summary>Adds a key known to be absent (the distinct n-grams that start every vector).</summary>
    public void AddNew(int key, float value)
    {
        if (_count == _keys.Length) Grow();
        int slot = FindSlot(key);
        Insert(slot, key, value);
    }

    /// <summary>map[key] = value when absent; map[key] = map[key] + value when present.</summary>
    public void Add(int key, float value)
    {
        int slot = FindSlot(key);
        if (_stamps[slot] == _stamp) _values[_slots[slot]] += value;
        else Insert(slot, key, value);
    }

    /// <summary>Adds the key with value 0 when absent; returns whether it was absent, and its position.</summary>
    public bool TryAdd(int key, out int index)
    {
        int slot = FindSlot(key);
        if (_stamps[slot] == _stamp)
        {
            index = _slots[slot];
            return false;
        }
        index = _count;
        Insert(slot, key, 0f);
        return true;
    }

    private void Insert(int slot, int key, float value)
    {
        if (_count == _keys.Length) { Grow(); slot = FindSlot(key); }
        _keys[_count] = key;
        _values[_count] = value;
        _slots[slot] = _count;
        _stamps[slot] = _stamp;
        _count++;
        if (_count * 2 > _slots.Length) Rehash(_slots.Length * 2);
    }

    private int FindSlot(int key)
    {
        int mask = _slots.Length - 1;
        int slot = (int)(((uint)key * 0x9E3779B1u) >> 7) & mask;
        while (_stamps[slot] == _stamp && _keys[_slots[slot]] != key) slot = (slot + 1) & mask;
        return slot;
    }

    private void Grow()
    {
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _values, _values.Length * 2);
    }

    private void Rehash(int size)
    {
        _slots = new int[size];
        _stamps = new int[size];
        _stamp = 1;
        for (int i = 0; i < _count; i++)
        {
            int slot = FindSlot(_keys[i]);
            _slots[slot] = i;
            _stamps[slot] = _stamp;
        }
    }
}
