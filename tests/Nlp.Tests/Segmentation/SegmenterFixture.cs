using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Tests.Segmentation;

/// <summary>One jieba-only segmenter per test class (building one takes a few hundred milliseconds).</summary>
public sealed class SegmenterFixture
{
    public JiebaSegmenter JiebaOnly { get; } = JiebaSegmenter.CreateJiebaOnly();
}
