using CityMatrix.Silo.Posts;

namespace CityMatrix.Api.Posts;

/// <summary>The answer to a batch: every good line stored and answered with its receipt, every bad line named with its faults.</summary>
public sealed record BatchResult(int Accepted, int Rejected, IReadOnlyList<BatchLineResult> Lines);

public sealed record BatchLineResult(int Line, PostReceipt? Receipt, IReadOnlyDictionary<string, string[]>? Errors);
