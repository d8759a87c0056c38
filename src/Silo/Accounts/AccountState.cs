namespace CityMatrix.Silo.Accounts;

/// <summary>Persistent state of an account grain; also the row of the accounts table.</summary>
public sealed class AccountState
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";

    /// <summary>The unit's official name (e.g. 银川市住房和城乡建设局), when known.</summary>
    public string? OfficialName { get; set; }
    public AccountKind Kind { get; set; }

    /// <summary>Horizontal chain: community → street → district → city.</summary>
    public string? ParentId { get; set; }

    /// <summary>Vertical chain: the city bureau a branch (or regulated enterprise) belongs to.</summary>
    public string? BureauId { get; set; }

    public List<string> Jurisdiction { get; set; } = [];
    public List<string> Competence { get; set; } = [];
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Cases ever forwarded to this account.</summary>
    public long CasesReceived { get; set; }

    /// <summary>Cases this account holds now and has not closed.</summary>
    public long CasesOpen { get; set; }

    /// <summary>Optimistic-concurrency version; its string form is the grain ETag.</summary>
    public long Version { get; set; }

    /// <summary>A detached copy, so no caller ever shares the grain's live state.</summary>
    public AccountState Copy()
    {
        var copy = (AccountState)MemberwiseClone();
        copy.Jurisdiction = [.. Jurisdiction];
        copy.Competence = [.. Competence];
        return copy;
    }
}
