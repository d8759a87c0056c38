namespace CityMatrix.Nlp.Complaints;

/// <summary>Score = P(complaint) in 0..1.</summary>
public readonly record struct ComplaintResult(bool IsComplaint, float Score);
