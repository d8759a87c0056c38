using CityMatrix.Silo.Grains;

namespace CityMatrix.Silo.Cases;

/// <summary>One case, keyed by case id. Every change goes through <see cref="ExecuteAsync"/>.</summary>
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>A copy of the case with its timeline, or null when no such case exists.</summary>
    Task<CaseState?> GetAsync();

    /// <summary>Applies the command durably and returns the new state; refused commands throw <see cref="CaseRuleException"/>.</summary>
    Task<CaseState> ExecuteAsync(CaseCommand command);
}
