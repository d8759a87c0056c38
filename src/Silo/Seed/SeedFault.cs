namespace CityMatrix.Silo.Seed;

/// <summary>One thing wrong with a seed matrix, found by <see cref="MatrixSeed.Validate(IEnumerable{SeedAccount})"/>.</summary>
public sealed record SeedFault(string AccountId, SeedFaultKind Kind, string Message)
{
    public override string ToString() => $"{AccountId}: {Kind}: {Message}";
}
