using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Sla;

/// <summary>What a wake-up did: the case as it stands afterwards (null when there is no such case) and the steps it applied.</summary>
public sealed record SlaEvaluation(CaseState? State, IReadOnlyList<SlaStep> Applied);
