namespace CityMatrix.Silo.Search;

/// <summary>
/// What the searcher may see, as the case-access rule puts it (the API builds it from the signed-in user):
/// everything (admin); a citizen's own cases and their posts; or, for staff, the cases their accounts are
/// involved in, plus the cases held by <see cref="SupervisedHolders"/> (null: every case, for the manager and
/// super-supervisors), plus every post that belongs to no case (public data).
/// </summary>
public sealed record SearchScope
{
    private SearchScope()
    {
    }

    public bool Everything { get; private init; }

    public string? CitizenId { get; private init; }

    public IReadOnlyCollection<string> InvolvedAccounts { get; private init; } = [];

    public IReadOnlyCollection<string>? SupervisedHolders { get; private init; } = [];

    public static SearchScope All { get; } = new() { Everything = true };

    public static SearchScope Citizen(string citizenId) => new() { CitizenId = citizenId };

    public static SearchScope Staff(IReadOnlyCollection<string> involvedAccounts, IReadOnlyCollection<string>? supervisedHolders) =>
        new() { InvolvedAccounts = involvedAccounts, SupervisedHolders = supervisedHolders };
}
