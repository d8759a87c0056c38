using CityMatrix.Silo.Grains;

namespace CityMatrix.Silo.Accounts;

public sealed class AccountGrain(IGrainStorage<AccountState> storage, TimeProvider time, AccountDirectory directory)
    : Grain<AccountState>(storage), IAccountGrain
{
    public Task<AccountState?> GetAsync() => Task.FromResult(RecordExists ? State.Copy() : null);

    public async Task<AccountState> CreateAsync(NewAccount account)
    {
        if (RecordExists) throw new AccountRuleException(DomainError.Conflict, $"Account {account.Id} already exists.", "id");
        var now = time.GetUtcNow();
        await UpdateStateAsync(state =>
        {
            state.Id = GetPrimaryKeyString();
            state.DisplayName = account.DisplayName;
            state.OfficialName = account.OfficialName;
            state.Kind = account.Kind;
            state.ParentId = account.ParentId;
            state.BureauId = account.BureauId;
            state.Jurisdiction = [.. account.Jurisdiction];
            state.Competence = [.. account.Competence];
            state.Active = true;
            state.CreatedAt = now;
            state.UpdatedAt = now;
        });
        return Published();
    }

    public Task<AccountState> RenameAsync(string displayName) =>
        Change(state => state.DisplayName = displayName);

    public Task<AccountState> MoveAsync(string? newParentId) =>
        Change(state => state.ParentId = newParentId);

    public Task<AccountState> DeactivateAsync() => Change(state => state.Active = false);

    public Task<AccountState> ReactivateAsync() => Change(state => state.Active = true);

    public Task RecordCaseReceivedAsync() => Change(state =>
    {
        state.CasesReceived++;
        state.CasesOpen++;
    }, structural: false);

    public Task RecordCaseReleasedAsync() =>
        Change(state => state.CasesOpen = Math.Max(0, state.CasesOpen - 1), structural: false);

    private async Task<AccountState> Change(Action<AccountState> apply, bool structural = true)
    {
        if (!RecordExists) throw new AccountRuleException(DomainError.NotFound, $"No account {GetPrimaryKeyString()}.", "id");
        var now = time.GetUtcNow();
        await UpdateStateAsync(state =>
        {
            apply(state);
            state.UpdatedAt = now;
        });
        return structural ? Published() : State.Copy();
    }

    /// <summary>Keeps this process's directory in step with what was just stored.</summary>
    private AccountState Published()
    {
        var copy = State.Copy();
        directory.Upsert(copy);
        return copy;
    }
}
