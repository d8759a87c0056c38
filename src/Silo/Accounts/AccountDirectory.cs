using System.Collections.Frozen;

namespace CityMatrix.Silo.Accounts;

/// <summary>
/// This process's read-only picture of the matrix (about a thousand accounts), for routing and for
/// "is X a supervisor of Y" questions on hot paths. Copy-on-write: readers never lock; writers
/// (grain writes, refreshes) swap in a new snapshot. Another process's changes arrive by refresh.
/// </summary>
public sealed class AccountDirectory(IAccountSource source)
{
    private readonly Lock _writeLock = new();
    private Snapshot _snapshot = Snapshot.Empty;
    private long _generation;

    public IReadOnlyCollection<AccountState> All => _snapshot.ById.Values;

    /// <summary>Changes whenever a new picture is swapped in: caches derived from the tree compare it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await source.LoadAllAsync(cancellationToken);
        lock (_writeLock)
        {
            _snapshot = Snapshot.Build(accounts);
            Interlocked.Increment(ref _generation);
        }
    }

    public void Upsert(AccountState account)
    {
        lock (_writeLock)
        {
            var accounts = _snapshot.ById.Values.Where(a => a.Id != account.Id).Append(account.Copy());
            _snapshot = Snapshot.Build(accounts);
            Interlocked.Increment(ref _generation);
        }
    }

    public AccountState? Find(string? id) =>
        id is not null && _snapshot.ById.TryGetValue(id, out var account) ? account : null;

    public bool IsActive(string? id) => Find(id)?.Active == true;

    public IReadOnlyList<AccountState> ChildrenOf(string id) =>
        _snapshot.Children.TryGetValue(id, out var children) ? children : [];

    /// <summary>Parent chain, nearest first (excludes the account itself).</summary>
    public IEnumerable<AccountState> AncestorsOf(string id)
    {
        var seen = new HashSet<string> { id };
        for (var current = Find(Find(id)?.ParentId); current is not null && seen.Add(current.Id); current = Find(current.ParentId))
        {
            yield return current;
        }
    }

    /// <summary>
    /// True when <paramref name="supervisorId"/> may supervise work held by <paramref name="accountId"/>:
    /// the manager and super-supervisors watch everything; otherwise an ancestor on the horizontal chain,
    /// or the city bureau a branch belongs to (vertical chain), or an ancestor of that bureau.
    /// </summary>
    public bool IsSupervisorOf(string supervisorId, string accountId)
    {
        var supervisor = Find(supervisorId);
        if (supervisor is null || !supervisor.Active || supervisorId == accountId) return false;
        if (supervisor.Kind is AccountKind.Manager or AccountKind.SuperSupervisor) return true;
        if (AncestorsOf(accountId).Any(a => a.Id == supervisorId)) return true;
        var bureau = Find(Find(accountId)?.BureauId);
        return bureau is not null && (bureau.Id == supervisorId || AncestorsOf(bureau.Id).Any(a => a.Id == supervisorId));
    }

    /// <summary>
    /// The accounts whose work <paramref name="accountId"/> supervises, itself included: everything below
    /// it on the parent chain, and the branches and enterprises of any bureau among those.
    /// </summary>
    public IReadOnlySet<string> SubtreeOf(string accountId)
    {
        var account = Find(accountId);
        if (account is null) return new HashSet<string>();
        if (account.Kind is AccountKind.Manager or AccountKind.SuperSupervisor) return _snapshot.ById.Keys.ToHashSet();
        var result = new HashSet<string>();
        var queue = new Queue<string>([accountId]);
        while (queue.TryDequeue(out var id))
        {
            if (!result.Add(id)) continue;
            foreach (var child in ChildrenOf(id)) queue.Enqueue(child.Id);
            foreach (var member in _snapshot.ById.Values.Where(a => a.BureauId == id)) queue.Enqueue(member.Id);
        }
        return result;
    }

    /// <summary>True when <paramref name="ancestorId"/> is <paramref name="accountId"/> or above it on the parent chain.</summary>
    public bool IsInSubtree(string ancestorId, string accountId) =>
        ancestorId == accountId || AncestorsOf(accountId).Any(a => a.Id == ancestorId);

    public AccountState? Manager => _snapshot.ById.Values.FirstOrDefault(a => a.Kind == AccountKind.Manager && a.Active);

    private sealed record Snapshot(FrozenDictionary<string, AccountState> ById, FrozenDictionary<string, AccountState[]> Children)
    {
        public static readonly Snapshot Empty = Build([]);

        public static Snapshot Build(IEnumerable<AccountState> accounts)
        {
            var byId = accounts.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
            var children = byId.Values.Where(a => a.ParentId is not null)
                .GroupBy(a => a.ParentId!)
                .ToFrozenDictionary(g => g.Key, g => g.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
            return new Snapshot(byId, children);
        }
    }
}
