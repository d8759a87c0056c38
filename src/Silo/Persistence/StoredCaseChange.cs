using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// A stored case changed in memory, with a copy of it as it was read: the write sets only the columns that differ,
/// so a post joining a case rewrites the row but none of the case's indexes (a full-row UPDATE deletes and re-inserts
/// every index entry whose column it sets, changed or not).
/// </summary>
public sealed record StoredCaseChange(CaseState Case, CaseState Stored);
