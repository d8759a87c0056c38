namespace CityMatrix.Silo.Posts;

/// <summary>One line of a batch: its receipt once stored, or the faults that kept it out.</summary>
public sealed record PostBatchOutcome(PostReceipt? Receipt, IReadOnlyDictionary<string, string[]>? Errors)
{
    public static PostBatchOutcome Accepted(PostReceipt receipt) => new(receipt, null);

    public static PostBatchOutcome Rejected(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);
}
