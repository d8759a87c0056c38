using CityMatrix.Silo.Accounts;

namespace CityMatrix.Silo.Seed;

/// <summary>The checks behind <see cref="MatrixSeed.Validate(IEnumerable{SeedAccount})"/>; one instance per run.</summary>
internal sealed class MatrixValidator
{
    private readonly IReadOnlyList<SeedAccount> _accounts;
    private readonly RegionDirectory? _regions;
    private readonly Dictionary<string, SeedAccount> _byId = new(StringComparer.Ordinal);
    private readonly List<SeedFault> _faults = [];

    public MatrixValidator(IEnumerable<SeedAccount> accounts, RegionDirectory? regions)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = accounts.ToList();
        _regions = regions;
    }

    public IReadOnlyList<SeedFault> Run()
    {
        IndexIds();
        foreach (var account in _accounts)
        {
            CheckFields(account);
            CheckParent(account);
            CheckBureau(account);
            CheckJurisdiction(account);
            CheckCompetence(account);
        }
        FindCycles();
        return _faults;
    }

    private void Fault(SeedAccount account, SeedFaultKind kind, string message) =>
        _faults.Add(new SeedFault(account.Id ?? "", kind, message));

    private void IndexIds()
    {
        foreach (var account in _accounts)
        {
            if (string.IsNullOrWhiteSpace(account.Id))
                Fault(account, SeedFaultKind.EmptyField, $"account {account.DisplayName} has no id");
            else if (!_byId.TryAdd(account.Id, account))
                Fault(account, SeedFaultKind.DuplicateId, $"id {account.Id} is used more than once");
        }
    }

    private void CheckFields(SeedAccount account)
    {
        if (string.IsNullOrWhiteSpace(account.DisplayName))
            Fault(account, SeedFaultKind.EmptyField, "no display name");
        if (account.Jurisdiction.Count == 0)
            Fault(account, SeedFaultKind.EmptyField, "empty jurisdiction");
    }

    private SeedAccount? Parent(SeedAccount account) =>
        account.ParentId is { } id && _byId.TryGetValue(id, out var parent) ? parent : null;

    private void CheckParent(SeedAccount account)
    {
        var allowed = AllowedParentKinds(account.Kind);
        if (account.ParentId is null)
        {
            if (allowed.Length > 0)
                Fault(account, SeedFaultKind.MissingParent, $"a {account.Kind} needs a parent ({string.Join(" or ", allowed)})");
            return;
        }
        var parent = Parent(account);
        if (parent is null)
            Fault(account, SeedFaultKind.MissingParent, $"parent {account.ParentId} does not exist");
        else if (!allowed.Contains(parent.Kind))
            Fault(account, SeedFaultKind.WrongParentKind,
                allowed.Length == 0
                    ? $"a {account.Kind} has no parent, found {parent.Id}"
                    : $"a {account.Kind}'s parent must be {string.Join(" or ", allowed)}, {parent.Id} is a {parent.Kind}");
    }

    // The horizontal chain of domain.md section 1; enterprises hang under their regulating bureau
    // (or the manager), media under the super-supervisor @微博银川 (or the manager).
    private static AccountKind[] AllowedParentKinds(AccountKind kind) => kind switch
    {
        AccountKind.SuperSupervisor or AccountKind.Manager => [],
        AccountKind.DistrictGovernment or AccountKind.CityBureau => [AccountKind.Manager],
        AccountKind.BureauBranch or AccountKind.Street => [AccountKind.DistrictGovernment],
        AccountKind.Community => [AccountKind.Street],
        AccountKind.Enterprise => [AccountKind.CityBureau, AccountKind.Manager],
        AccountKind.Media => [AccountKind.SuperSupervisor, AccountKind.Manager],
        _ => [],
    };

    private void CheckBureau(SeedAccount account)
    {
        if (account.BureauId is null)
        {
            if (account.Kind == AccountKind.BureauBranch)
                Fault(account, SeedFaultKind.MissingBureau, "a branch needs the city bureau it belongs to");
            return;
        }
        if (!_byId.TryGetValue(account.BureauId, out var bureau))
            Fault(account, SeedFaultKind.MissingBureau, $"bureau {account.BureauId} does not exist");
        else if (bureau.Kind != AccountKind.CityBureau)
            Fault(account, SeedFaultKind.WrongBureauKind, $"bureau {bureau.Id} is a {bureau.Kind}, not a CityBureau");
        else if (ReferenceEquals(bureau, account))
            Fault(account, SeedFaultKind.WrongBureauKind, "an account cannot be its own bureau");
    }

    private void CheckJurisdiction(SeedAccount account)
    {
        foreach (var code in account.Jurisdiction)
        {
            if (_regions is not null && !_regions.Contains(code))
                Fault(account, SeedFaultKind.UnknownRegion, $"region code {code} is unknown");
        }
        // Grid units and branches cover part of their parent's area: street 640104001 lies in district 640104.
        if (account.Kind is not (AccountKind.Street or AccountKind.Community or AccountKind.BureauBranch))
            return;
        if (Parent(account) is not { } parent)
            return;
        foreach (var code in account.Jurisdiction)
        {
            if (!parent.Jurisdiction.Any(p => code.StartsWith(p, StringComparison.Ordinal)))
                Fault(account, SeedFaultKind.JurisdictionOutsideParent,
                    $"region {code} is outside its parent {parent.Id} ({string.Join(", ", parent.Jurisdiction)})");
        }
    }

    private void CheckCompetence(SeedAccount account)
    {
        foreach (var name in account.Competence)
        {
            if (!SeedVocabulary.IsKnown(name))
                Fault(account, SeedFaultKind.UnknownCompetence, $"competence {name} is not in docs/TOPICS.md");
        }
    }

    // Walks each parent chain once: a chain that comes back to an account still on the current path is a cycle.
    private void FindCycles()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in _byId.Values)
        {
            var path = new List<SeedAccount>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            SeedAccount? current = start;
            while (current is not null && !done.Contains(current.Id) && !onPath.ContainsKey(current.Id))
            {
                onPath[current.Id] = path.Count;
                path.Add(current);
                current = Parent(current);
            }
            if (current is not null && onPath.TryGetValue(current.Id, out var index))
            {
                var members = path.Skip(index).Select(a => a.Id).ToList();
                Fault(current, SeedFaultKind.Cycle, $"parent chain loops: {string.Join(" → ", members)} → {current.Id}");
            }
            foreach (var account in path)
                done.Add(account.Id);
        }
    }
}
