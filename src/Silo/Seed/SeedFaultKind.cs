namespace CityMatrix.Silo.Seed;

public enum SeedFaultKind
{
    EmptyField,
    DuplicateId,
    MissingParent,
    MissingBureau,
    Cycle,
    WrongParentKind,
    WrongBureauKind,
    JurisdictionOutsideParent,
    UnknownCompetence,
    UnknownRegion,
}
