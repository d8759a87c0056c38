using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Seed;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Api.Open311;

/// <summary>Cases as Open311 service requests: public fields only (never the citizen).</summary>
public sealed class Open311Requests(IDbContextFactory<CityMatrixDbContext> contexts, AccountDirectory accounts, RegionDirectory regions)
{
    public const int MaxResults = 1000;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);
    private static readonly CaseStatus[] Finished = [CaseStatus.Closed, CaseStatus.Rated, CaseStatus.Merged];

    public sealed record Filter(
        IReadOnlyList<string>? Ids, IReadOnlyList<Open311Service>? Services, DateTimeOffset Start, DateTimeOffset End, bool? Open);

    public async Task<IReadOnlyList<Open311Item>> QueryAsync(Filter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<CaseState> cases = db.Cases.AsNoTracking();
        if (filter.Ids is { } ids)
        {
            cases = cases.Where(c => ids.Contains(c.Id));
        }
        else
        {
            cases = cases.Where(c => c.ReceivedAt >= filter.Start && c.ReceivedAt <= filter.End);
            if (filter.Services is { } services)
            {
                var topics = services.Where(s => s.Topic is not null).Select(s => s.Topic!).ToList();
                var categories = services.Where(s => s.Topic is null).Select(s => s.Category).ToList();
                cases = cases.Where(c => (c.Topic != null && topics.Contains(c.Topic)) || (c.Topic == null && categories.Contains(c.Category)));
            }
            if (filter.Open is { } open)
                cases = open ? cases.Where(c => !Finished.Contains(c.Status)) : cases.Where(c => Finished.Contains(c.Status));
        }
        var found = await cases.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(MaxResults).ToListAsync(cancellationToken);
        var postKeys = found.Where(c => c.SourcePostKey != null).Select(c => c.SourcePostKey!).Distinct().ToList();
        var places = await db.Posts.AsNoTracking().Where(p => postKeys.Contains(p.Key) && p.Lat != null && p.Lon != null)
            .Select(p => new { p.Key, p.Lat, p.Lon }).ToDictionaryAsync(p => p.Key, cancellationToken);
        return found.Select(c =>
        {
            var place = c.SourcePostKey is not null ? places.GetValueOrDefault(c.SourcePostKey) : null;
            return ItemOf(c, place?.Lat, place?.Lon);
        }).ToList();
    }

    private Open311Item ItemOf(CaseState c, double? lat, double? lon)
    {
        var service = Open311Catalog.Of(c.Category, c.Topic);
        var agency = accounts.Find(c.AccountId)?.DisplayName;
        var open = !Finished.Contains(c.Status);
        return new Open311Item
        {
            { "service_request_id", c.Id },
            { "status", open ? "open" : "closed" },
            { "status_notes", c.Status == CaseStatus.Merged ? $"与 {c.MergedIntoId} 合并办理" : c.PublicReply },
            { "service_name", service.Name },
            { "service_code", service.Code },
            { "description", c.Text },
            { "agency_responsible", agency },
            { "service_notice", NoticeOf(c, agency) },
            { "requested_datetime", Open311Output.Date(c.ReceivedAt) },
            { "updated_datetime", Open311Output.Date(c.ClosedAt ?? c.UpdatedAt) },
            { "expected_datetime", Open311Output.Date(open ? c.Deadline : null) },
            { "address", AddressOf(c.RegionCode) },
            { "address_id", c.RegionCode },
            { "zipcode", null },
            { "lat", lat },
            { "long", lon },
            { "media_url", null },
        };
    }

    public static string? NoticeOf(CaseState c, string? agency) => c.Status switch
    {
        CaseStatus.Received or CaseStatus.Returned or CaseStatus.Reopened => "已受理，正在分派承办单位。",
        _ when c.Deadline is { } deadline && agency is not null => $"已转{agency}办理，办理时限 {Open311Output.Date(deadline)}。",
        _ => null,
    };

    /// <summary>Most specific first, as the spec asks: community, street, district, city.</summary>
    private string? AddressOf(string? regionCode)
    {
        if (regionCode is null || !regions.TryGet(regionCode, out var region)) return null;
        var names = new List<string> { region.Name };
        names.AddRange(regions.Ancestors(regionCode).Select(r => r.Name));
        names.Add("银川市");
        return string.Join(", ", names.Distinct());
    }
}
