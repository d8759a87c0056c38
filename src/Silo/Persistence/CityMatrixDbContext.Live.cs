using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Persistence;

/// <summary>Live events (issue 5): the case-event log position and who each entry concerns, snapshot indexes, oversized notifications. Migration step 12.</summary>
public sealed partial class CityMatrixDbContext
{
    /// <summary>
    /// case_events."LiveSeq": the entry's place in commit order across all processes, set by
    /// <see cref="LiveSequencer"/> after the case write commits (null until then). A shadow property: the
    /// domain's <see cref="CaseEvent"/> does not know about it.
    /// </summary>
    public const string LiveSeq = "LiveSeq";

    public DbSet<LiveMessage> LiveMessages => Set<LiveMessage>();

    public DbSet<LiveEventAccount> LiveEventAccounts => Set<LiveEventAccount>();

    private static void ConfigureLive(ModelBuilder model)
    {
        model.Entity<CaseEvent>(entry =>
        {
            entry.Property<long?>(LiveSeq);
            entry.HasIndex([LiveSeq], "IX_case_events_LiveSeq").IsUnique();
            // Only the entries still waiting for a number: the sequencer's work list, kept tiny.
            entry.HasIndex([nameof(CaseEvent.At), nameof(CaseEvent.CaseId), nameof(CaseEvent.Seq)], "IX_case_events_Unsequenced")
                .HasFilter("\"LiveSeq\" IS NULL");
        });

        model.Entity<CaseState>(@case =>
        {
            // Snapshot tiles: open and overdue per holder from one covering index, closed today.
            @case.HasIndex(c => new { c.Status, c.Deadline, c.AccountId });
            @case.HasIndex(c => c.ClosedAt);
        });

        model.Entity<LiveEventAccount>(account =>
        {
            account.ToTable("live_event_accounts");
            account.HasKey(a => new { a.AccountId, a.LiveSeq });
            account.Property(a => a.AccountId).HasMaxLength(64);
        });

        model.Entity<LiveMessage>(message =>
        {
            message.ToTable("live_messages");
            message.HasKey(m => m.Id);
        });
    }
}
