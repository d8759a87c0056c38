namespace CityMatrix.Silo.Cases;

public sealed record InboxPage(int Total, IReadOnlyList<CaseState> Cases);
