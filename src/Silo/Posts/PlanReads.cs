using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Posts;

/// <summary>What a chunk's decisions read from the store (<see cref="PostBatchPlan.ReadAsync"/>).</summary>
/// <param name="OpenCases">The open cases, in the duplicate window, of the citizens who complained.</param>
/// <param name="FirstOpenCases">The first open case, in the window, of each topic × place complained about.</param>
internal sealed record PlanReads(IReadOnlyList<CaseSketch> OpenCases, IReadOnlyList<CaseSketch> FirstOpenCases);
