using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityMatrix.Nlp.Tests.Segmentation;

/// <summary>
/// One line of Fixtures/segmentation/oracle.jsonl: real jieba's (@node-rs/jieba 2.0.3) tokens for a text,
/// with HMM, without, and with HMM after loading oracle_user_words.txt. Made by bench/jieba-peers/make-fixture.js.
/// </summary>
public sealed record OracleCase(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("hmm")] string[] Hmm,
    [property: JsonPropertyName("noHmm")] string[] NoHmm,
    [property: JsonPropertyName("userHmm")] string[] UserHmm)
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "segmentation", name);

    public static IReadOnlyList<OracleCase> Load() =>
        File.ReadLines(FixturePath("oracle.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<OracleCase>(l)!)
            .ToList();
}
