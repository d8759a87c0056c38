using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Posts;

namespace CityMatrix.Silo.Cases;

/// <summary>One case, keyed by case id. Every change goes through <see cref="ExecuteAsync"/> or <see cref="ExecuteAllAsync"/>.</summary>
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>A copy of the case with its timeline, or null when no such case exists.</summary>
    Task<CaseState?> GetAsync();

    /// <summary>Applies the command durably and returns the new state; refused commands throw <see cref="CaseRuleException"/>.</summary>
    Task<CaseState> ExecuteAsync(CaseCommand command);

    /// <summary>
    /// Applies the commands in order as one write (all or none), storing <paramref name="post"/> in the same
    /// transaction: a post and the case it opened (or joined) are durable together or not at all.
    /// </summary>
    Task<CaseState> ExecuteAllAsync(IReadOnlyList<CaseCommand> commands, PostRecord? post);
}
