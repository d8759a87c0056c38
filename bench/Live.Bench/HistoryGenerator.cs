using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Live.Bench;

/// <summary>
/// A year of cases spread evenly over the days, held by streets, communities, bureau branches and enterprises:
/// open → forward → accept → reply → close, cases of the last month partly still open. Timeline entries are
/// numbered (LiveSeq) in time order, as the sequencer would have numbered them.
/// </summary>
public static class HistoryGenerator
{
    public static async Task<int> FillAsync(IDbContextFactory<CityMatrixDbContext> contexts, AccountDirectory accounts, int cases, DateTimeOffset now)
    {
        var holders = accounts.All.Where(a => a.Kind is AccountKind.Street or AccountKind.Community or AccountKind.BureauBranch or AccountKind.Enterprise)
            .Select(a => a.Id).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(42);
        var start = now - TimeSpan.FromDays(365);
        var step = TimeSpan.FromDays(365).Ticks / cases;
        long seq = 0, events = 0;
        const int batch = 5000;
        for (var first = 0; first < cases; first += batch)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(cases, first + batch); i++)
            {
                var at = start + TimeSpan.FromTicks(step * i);
                var holder = holders[random.Next(holders.Length)];
                var age = now - at;
                // Most old cases are closed; of the last month's, a share is still at each stage.
                var stages = age > TimeSpan.FromDays(30) ? (random.NextDouble() < 0.97 ? 5 : 3) : 1 + random.Next(5);
                var state = new CaseState
                {
                    Id = $"B{i:D9}", CitizenId = $"citizen-{random.Next(50_000)}", Text = "小区暖气不热", Category = "城乡建设", Topic = "供暖",
                    RegionCode = "640104", Urgency = CaseUrgency.Normal, ReceivedById = "wzyc", AccountId = stages >= 2 ? holder : "wzyc",
                    ReceivedAt = at, UpdatedAt = at, Version = stages, Status = CaseStatus.Received,
                };
                var timeline = new List<(CaseAction Action, CaseStatus To, string Actor, string Target, TimeSpan After)>
                {
                    (CaseAction.Open, CaseStatus.Received, "wzyc", "wzyc", TimeSpan.Zero),
                    (CaseAction.Forward, CaseStatus.Forwarded, "wzyc", holder, TimeSpan.FromMinutes(5)),
                    (CaseAction.Accept, CaseStatus.Accepted, holder, holder, TimeSpan.FromHours(1)),
                    (CaseAction.Reply, CaseStatus.Replied, holder, holder, TimeSpan.FromDays(1)),
                    (CaseAction.Close, CaseStatus.Closed, holder, holder, TimeSpan.FromDays(1) + TimeSpan.FromHours(1)),
                };
                CaseStatus? from = null;
                for (var s = 0; s < stages; s++)
                {
                    var (action, to, actor, target, after) = timeline[s];
                    var entry = new CaseEvent
                    {
                        CaseId = state.Id, Seq = s + 1, At = at + after, Action = action, FromStatus = from, ToStatus = to,
                        ActorAccountId = actor, ActorUserId = "bench", TargetAccountId = target,
                        Deadline = action == CaseAction.Forward ? at + TimeSpan.FromDays(7) : null,
                    };
                    db.CaseEvents.Add(entry);
                    // Numbered in time order within the batch's day range (cases are generated oldest first).
                    db.Entry(entry).Property(CityMatrixDbContext.LiveSeq).CurrentValue = ++seq;
                    from = to;
                    state.Status = to;
                    events++;
                }
                if (stages >= 2) { state.ForwardedById = "wzyc"; state.FirstReceiverId = holder; state.AnswerableAccountId = holder; state.ForwardedAt = at; state.Deadline = at + TimeSpan.FromDays(7); }
                if (stages >= 3) state.AcceptedAt = at + TimeSpan.FromHours(1);
                if (stages >= 4) { state.RepliedAt = at + TimeSpan.FromDays(1); state.PublicReply = "已处理"; }
                if (stages >= 5) state.ClosedAt = at + TimeSpan.FromDays(1) + TimeSpan.FromHours(1);
                db.Cases.Add(state);
            }
            await db.SaveChangesAsync();
        }
        return (int)events;
    }
}
