using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Routing;
using CityMatrix.Silo.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CityMatrix.Silo.Persistence;

/// <summary>Tables of the post → case pipeline: posts, routing rules, SLA templates.</summary>
public sealed partial class CityMatrixDbContext
{
    private static void ConfigurePipeline(ModelBuilder model, ValueComparer<List<string>> stringList)
    {
        model.Entity<PostRecord>(post =>
        {
            post.ToTable("posts");
            post.HasKey(p => p.Key);
            post.Property(p => p.Key).HasMaxLength(192);
            post.Property(p => p.Platform).HasMaxLength(32);
            post.Property(p => p.PostId).HasMaxLength(128);
            post.Property(p => p.AuthorId).HasMaxLength(128);
            post.Property(p => p.AuthorName).HasMaxLength(128);
            post.Property(p => p.ReplyToPostId).HasMaxLength(128);
            post.Property(p => p.Sentiment).HasMaxLength(8);
            post.Property(p => p.Category).HasMaxLength(32);
            post.Property(p => p.Topic).HasMaxLength(32);
            post.Property(p => p.RegionCode).HasMaxLength(16);
            post.Property(p => p.Urgency).HasConversion<string>().HasMaxLength(16);
            post.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(16);
            post.Property(p => p.CaseId).HasMaxLength(64);
            post.Property(p => p.Mentions).HasConversion(ListToJson(), stringList);
            post.Property(p => p.PlaceCodes).HasConversion(ListToJson(), stringList);
            post.Property(p => p.Keywords).HasConversion(ListToJson(), stringList);
            post.Ignore(p => p.CitizenId);
            post.HasIndex(p => p.CaseId);
            post.HasIndex(p => p.ReceivedAt);
            post.HasIndex(p => new { p.Outcome, p.ReceivedAt });
        });

        model.Entity<RoutingRule>(rule =>
        {
            rule.ToTable("routing_rules");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Id).HasMaxLength(64);
            rule.Property(r => r.Category).HasMaxLength(32);
            rule.Property(r => r.Topic).HasMaxLength(32);
            rule.Property(r => r.RegionCode).HasMaxLength(16);
            rule.Property(r => r.AccountId).HasMaxLength(64);
            rule.Property(r => r.TerritorialLevel).HasConversion<string>().HasMaxLength(16);
        });

        model.Entity<SlaTemplate>(template =>
        {
            template.ToTable("sla_templates");
            template.HasKey(t => t.Id);
            template.Property(t => t.Id).HasMaxLength(64);
            template.Property(t => t.Topic).HasMaxLength(32);
            template.Property(t => t.Urgency).HasConversion<string>().HasMaxLength(16);
        });
    }
}
