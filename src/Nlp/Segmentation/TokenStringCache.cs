using System.Runtime.CompilerServices;

namespace CityMatrix.Nlp.Segmentation;

/// <summary>
/// A small per-thread, direct-mapped cache of token strings: common words (的, 暖气, ，) are handed out as
/// the same string instance instead of a new one per occurrence, which removes most of Cut's allocations.
/// Strings are immutable, so sharing them between callers is safe; the cache itself is thread-local.
/// </summary>
internal static class TokenStringCache
{
    private const int Size = 4096; // power of two
    private const int MaxCachedLength = 8;

    [ThreadStatic] private static string?[]? _slots;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Get(string text, int start, int length)
    {
        if (length > MaxCachedLength) return text.Substring(start, length);
        var span = text.AsSpan(start, length);
        uint hash = 2166136261;
        foreach (var c in span) hash = (hash ^ c) * 16777619;
        var slots = _slots ??= new string?[Size];
        ref var slot = ref slots[(int)(hash & (Size - 1))];
        var cached = slot;
        if (cached is not null && span.SequenceEqual(cached)) return cached;
        return slot = span.Length == text.Length ? text : span.ToString();
    }
}
