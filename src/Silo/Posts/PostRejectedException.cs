namespace CityMatrix.Silo.Posts;

/// <summary>A post with one or more faults; nothing was stored.</summary>
public sealed class PostRejectedException(IReadOnlyList<PostFault> faults)
    : DomainException(DomainError.Invalid, string.Join(" ", faults.Select(f => f.Message)), faults.FirstOrDefault()?.Field)
{
    public IReadOnlyList<PostFault> Faults { get; } = faults;

    public override IReadOnlyDictionary<string, string[]> Errors =>
        Faults.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray());
}
