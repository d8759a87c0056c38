namespace CityMatrix.Api.Workbench;

/// <summary>Someone with a case open in the workbench, and what he is doing with it (viewing, replying, …).</summary>
public sealed record CaseViewer(string UserId, string Name, IReadOnlyList<string> AccountIds, string Activity, DateTimeOffset Since);
