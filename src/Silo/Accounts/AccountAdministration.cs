using System.Text.RegularExpressions;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Seed;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Accounts;

/// <summary>
/// Admin operations on the matrix: add, rename, move, deactivate. Structural checks (parent exists, no
/// cycle) need the whole tree, so they run here against the directory, one change at a time per process.
/// Deactivation sends the account's open cases to its nearest active ancestor, never dropping one; a
/// sweep at start-up finishes any deactivation that a crash interrupted.
/// </summary>
public sealed partial class AccountAdministration(
    IGrainFactory grains,
    AccountDirectory directory,
    CaseQueries cases,
    ILogger<AccountAdministration> logger)
{
    private readonly SemaphoreSlim _structure = new(1, 1);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex IdPattern();

    public async Task<AccountState> AddAsync(NewAccount account)
    {
        Require(IdPattern().IsMatch(account.Id), "id", "An account id is 2–64 lower-case letters, digits, '.', '_' or '-'.");
        RequireName(account.DisplayName);
        Require(account.Jurisdiction.All(code => !string.IsNullOrWhiteSpace(code)), "jurisdiction", "Region codes must not be empty.");
        var unknown = account.Competence.FirstOrDefault(c => !SeedVocabulary.IsKnown(c));
        Require(unknown is null, "competence", $"Unknown category or topic '{unknown}' (see docs/TOPICS.md).");
        await _structure.WaitAsync();
        try
        {
            Require(directory.Find(account.Id) is null, "id", $"Account {account.Id} already exists.", DomainError.Conflict);
            var topLevel = account.Kind is AccountKind.SuperSupervisor or AccountKind.Manager;
            if (!topLevel || account.ParentId is not null) RequireActiveParent(account.ParentId);
            if (account.BureauId is not null)
            {
                Require(directory.Find(account.BureauId)?.Kind == AccountKind.CityBureau, "bureauId", $"'{account.BureauId}' is not a city bureau.");
            }
            return await grains.GetGrain<IAccountGrain>(account.Id).CreateAsync(account);
        }
        finally
        {
            _structure.Release();
        }
    }

    public async Task<AccountState> RenameAsync(string id, string displayName)
    {
        RequireName(displayName);
        RequireExisting(id);
        return await grains.GetGrain<IAccountGrain>(id).RenameAsync(displayName);
    }

    public async Task<AccountState> MoveAsync(string id, string newParentId)
    {
        RequireExisting(id);
        await _structure.WaitAsync();
        try
        {
            RequireActiveParent(newParentId);
            Require(newParentId != id, "parentId", "An account cannot be its own parent.");
            Require(!directory.IsInSubtree(id, newParentId), "parentId", $"'{newParentId}' is below '{id}': moving there would make a cycle.");
            return await grains.GetGrain<IAccountGrain>(id).MoveAsync(newParentId);
        }
        finally
        {
            _structure.Release();
        }
    }

    /// <summary>Deactivates the account, then hands each of its open cases up to its nearest active ancestor.</summary>
    public async Task<(AccountState Account, IReadOnlyList<string> ReassignedCaseIds)> DeactivateAsync(string id)
    {
        var existing = RequireExisting(id);
        Require(existing.Kind is not AccountKind.Manager, "id", "The manager account cannot be deactivated: it is the triage of last resort.", DomainError.Conflict);
        var account = await grains.GetGrain<IAccountGrain>(id).DeactivateAsync();
        var moved = await SweepAsync(id);
        return (account, moved);
    }

    public async Task<AccountState> ReactivateAsync(string id)
    {
        RequireExisting(id);
        return await grains.GetGrain<IAccountGrain>(id).ReactivateAsync();
    }

    /// <summary>Finishes interrupted deactivations: no inactive account keeps an open case.</summary>
    public async Task<int> SweepInactiveAsync(CancellationToken cancellationToken = default)
    {
        var moved = 0;
        foreach (var account in directory.All.Where(a => !a.Active).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            moved += (await SweepAsync(account.Id)).Count;
        }
        return moved;
    }

    private async Task<IReadOnlyList<string>> SweepAsync(string id)
    {
        var heir = directory.AncestorsOf(id).FirstOrDefault(a => a.Active) ?? directory.Manager
            ?? throw new InvalidOperationException("No active manager account to take over open cases.");
        var moved = new List<string>();
        foreach (var caseId in await cases.OpenCaseIdsHeldByAsync(id))
        {
            var command = new ReassignCase(CaseActor.System(), heir.Id, $"{id} 已停用，案件退回上级 {heir.DisplayName} 重新转办");
            try
            {
                await grains.GetGrain<ICaseGrain>(caseId).ExecuteAsync(command);
                moved.Add(caseId);
            }
            catch (CaseRuleException e) when (e.Error == DomainError.Conflict)
            {
                // Closed or moved on since the query: nothing left to hand over.
            }
        }
        if (moved.Count > 0) logger.LogInformation("Handed {Count} open cases of {Account} to {Heir}", moved.Count, id, heir.Id);
        return moved;
    }

    private AccountState RequireExisting(string id) =>
        directory.Find(id) ?? throw new AccountRuleException(DomainError.NotFound, $"No account '{id}'.", "id");

    private void RequireActiveParent(string? parentId)
    {
        Require(!string.IsNullOrWhiteSpace(parentId), "parentId", "The account needs a parent in the matrix.");
        var parent = directory.Find(parentId);
        Require(parent is not null, "parentId", $"No account '{parentId}'.");
        Require(parent!.Active, "parentId", $"Account '{parentId}' is deactivated.");
    }

    private static void RequireName(string? displayName) =>
        Require(!string.IsNullOrWhiteSpace(displayName) && displayName.Length <= 128, "displayName", "A display name of 1–128 characters is required.");

    private static void Require(bool condition, string field, string message, DomainError error = DomainError.Invalid)
    {
        if (!condition) throw new AccountRuleException(error, message, field);
    }
}
