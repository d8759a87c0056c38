using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Posts;

namespace CityMatrix.Silo.Cases;

public sealed class CaseGrain(IGrainStorage<CaseState> storage, TimeProvider time, AccountDirectory accounts)
    : Grain<CaseState>(storage), ICaseGrain
{
    public Task<CaseState?> GetAsync() => Task.FromResult(RecordExists ? State.Copy() : null);

    public Task<CaseState> ExecuteAsync(CaseCommand command) => ExecuteAllAsync([command], post: null);

    public async Task<CaseState> ExecuteAllAsync(IReadOnlyList<CaseCommand> commands, PostRecord? post)
    {
        ArgumentNullException.ThrowIfNull(commands);
        // A retried delivery of the same post must not add it twice.
        if (commands is [AttachPost attach] && RecordExists && State.Timeline.Any(e => e.Action == CaseAction.AttachPost && e.PostKey == attach.PostKey))
            return State.Copy();
        var now = time.GetUtcNow();
        // Re-run on fresh state after an ETag conflict: the rules then judge what is really stored. A refusal
        // part-way leaves the in-memory state half-changed, so it is re-read before the refusal goes out.
        await UpdateStateAsync(state =>
        {
            // Stored by another delivery of the same post (seen only after a conflict re-read): nothing to add.
            if (commands is [AttachPost again] && state.Timeline.Any(e => e.Action == CaseAction.AttachPost && e.PostKey == again.PostKey))
            {
                state.PostsToStore = [];
                return;
            }
            try
            {
                foreach (var command in commands) CaseLifecycle.Apply(state, GetPrimaryKeyString(), command, now, accounts);
            }
            catch (CaseRuleException) when (commands.Count > 1)
            {
                DeactivateOnIdle();
                throw;
            }
            state.PostsToStore = post is null ? [] : [post];
        });
        return State.Copy();
    }
}
