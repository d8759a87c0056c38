using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Grains;

namespace CityMatrix.Silo.Cases;

public sealed class CaseGrain(IGrainStorage<CaseState> storage, TimeProvider time, AccountDirectory accounts)
    : Grain<CaseState>(storage), ICaseGrain
{
    public Task<CaseState?> GetAsync() => Task.FromResult(RecordExists ? State.Copy() : null);

    public async Task<CaseState> ExecuteAsync(CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        // A retried delivery of the same post must not add it twice.
        if (command is AttachPost attach && RecordExists && State.Timeline.Any(e => e.Action == CaseAction.AttachPost && e.PostKey == attach.PostKey))
            return State.Copy();
        var now = time.GetUtcNow();
        string? holderBefore = null;
        var openBefore = false;
        // Re-run on fresh state after an ETag conflict: the rules then judge what is really stored.
        await UpdateStateAsync(state =>
        {
            holderBefore = RecordExists ? state.AccountId : null;
            openBefore = RecordExists && state.IsOpen;
            CaseLifecycle.Apply(state, GetPrimaryKeyString(), command, now, accounts);
        });
        await UpdateInboxCountersAsync(holderBefore, openBefore);
        return State.Copy();
    }

    /// <summary>
    /// The account counters are a convenience for live tiles; the cases table stays the source of truth
    /// (metrics recompute from it). They are updated after the case is durable, and never call back here.
    /// </summary>
    private async Task UpdateInboxCountersAsync(string? holderBefore, bool openBefore)
    {
        var holderAfter = State.AccountId;
        var openAfter = State.IsOpen;
        var forwardedIn = State.Status == CaseStatus.Forwarded && State.Timeline[^1].Action == CaseAction.Forward;
        if (openBefore && holderBefore is not null && (!openAfter || holderBefore != holderAfter))
            await GrainFactory.GetGrain<IAccountGrain>(holderBefore).RecordCaseReleasedAsync();
        if (forwardedIn && openAfter)
            await GrainFactory.GetGrain<IAccountGrain>(holderAfter).RecordCaseReceivedAsync();
    }
}
