using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Search;

/// <summary>
/// One result. <see cref="Snippet"/> (and <see cref="ReplySnippet"/> for a case with a public reply) is the
/// original text, HTML-escaped, with the matched words in &lt;em&gt;; <see cref="State"/> is the case's state
/// (a post's case, if any); <see cref="At"/> when it was received.
/// </summary>
public sealed record SearchHit(
    SearchKind Kind,
    string Id,
    string Snippet,
    string? ReplySnippet,
    string? CaseId,
    CaseStatus? State,
    string? Category,
    string? Topic,
    string? RegionCode,
    DateTimeOffset At,
    double Score);
