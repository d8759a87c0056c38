using System.Runtime.CompilerServices;

namespace CityMatrix.Nlp.Segmentation;

/// <summary>The character classes of jieba-rs (the segmenter inside @node-rs/jieba), over Unicode scalar values.</summary>
internal static class CharClasses
{
    /// <summary>
    /// jieba-rs RE_HAN_DEFAULT: CJK ideographs (main block and extensions) plus ASCII letters,
    /// digits and <c>+#&amp;._%-</c>. Runs of these go through the dictionary; everything else is
    /// emitted one scalar at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDictionaryBlock(int c)
    {
        if ((uint)(c - 0x4E00) <= 0x9FFF - 0x4E00) return true;
        if (c < 128) return IsAsciiBlockChar[c];
        return (uint)(c - 0x3400) <= 0x4DBF - 0x3400
            || (uint)(c - 0xF900) <= 0xFAFF - 0xF900
            || (uint)(c - 0x20000) <= 0x2A6DF - 0x20000
            || (uint)(c - 0x2A700) <= 0x2EBEF - 0x2A700 // 2A700-2B73F, 2B740-2B81F, 2B820-2CEAF, 2CEB0-2EBEF are contiguous
            || (uint)(c - 0x2F800) <= 0x2FA1F - 0x2F800;
    }

    /// <summary>jieba's HMM only tags [\u4E00-\u9FD5]; other runs inside an unknown word go through RE_SKIP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHmmHan(int c) => (uint)(c - 0x4E00) <= 0x9FD5 - 0x4E00;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAsciiAlphanumeric(int c) => c < 128 && char.IsAsciiLetterOrDigit((char)c);

    private static readonly bool[] IsAsciiBlockChar = BuildAscii();

    private static bool[] BuildAscii()
    {
        var table = new bool[128];
        for (var c = 0; c < 128; c++)
            table[c] = char.IsAsciiLetterOrDigit((char)c) || "+#&._%-".Contains((char)c);
        return table;
    }
}
