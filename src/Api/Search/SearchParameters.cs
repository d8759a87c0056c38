using System.Globalization;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Search;

namespace CityMatrix.Api.Search;

/// <summary>
/// Turns GET /api/search's query string into a <see cref="SearchRequest"/>; every bad value is a 400 naming
/// its parameter. Dates without a time are days in the city's time (UTC+8): from is the day's start, to
/// includes the whole day.
/// </summary>
public static class SearchParameters
{
    public static readonly TimeSpan CityOffset = TimeSpan.FromHours(8);

    public static SearchRequest Parse(IQueryCollection query, AccountDirectory accounts)
    {
        var q = SearchQuery.Parse(query["q"].ToString());
        var from = Time(query, "from", endOfDay: false);
        var to = Time(query, "to", endOfDay: true);
        if (from is not null && to is not null && to <= from) throw new SearchRequestException("to", "to must be after from.");
        var limit = Integer(query, "limit", SearchRequest.DefaultLimit);
        if (limit is < 1 or > SearchRequest.MaxLimit) throw new SearchRequestException("limit", $"limit must be between 1 and {SearchRequest.MaxLimit}.");
        var offset = Integer(query, "offset", 0);
        if (offset < 0) throw new SearchRequestException("offset", "offset cannot be negative.");
        return new SearchRequest(q, Kind(query), States(query), Subtree(query, accounts), Region(query),
            Text(query, "category"), Text(query, "topic"), from, to, limit, offset);
    }

    private static string? Text(IQueryCollection query, string name) =>
        string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();

    private static SearchKind? Kind(IQueryCollection query) => Text(query, "kind") switch
    {
        null => null,
        "post" => SearchKind.Post,
        "case" => SearchKind.Case,
        var other => throw new SearchRequestException("kind", $"kind must be post or case, not '{other}'."),
    };

    /// <summary>state=Forwarded,Accepted (or repeated): case states, by name.</summary>
    private static IReadOnlyList<CaseStatus>? States(IQueryCollection query)
    {
        var names = query["state"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0) return null;
        return names.Select(name => Enum.TryParse<CaseStatus>(name, ignoreCase: true, out var state) && !int.TryParse(name, out _)
            ? state
            : throw new SearchRequestException("state", $"Unknown state '{name}'; one of {string.Join(", ", Enum.GetNames<CaseStatus>())}.")).Distinct().ToList();
    }

    /// <summary>The account and every account below it (<see cref="AccountDirectory.IsInSubtree"/>).</summary>
    private static IReadOnlyCollection<string>? Subtree(IQueryCollection query, AccountDirectory accounts)
    {
        if (Text(query, "accountId") is not { } id) return null;
        if (accounts.Find(id) is null) throw new SearchRequestException("accountId", $"No account '{id}'.");
        return accounts.All.Where(a => accounts.IsInSubtree(id, a.Id)).Select(a => a.Id).ToList();
    }

    private static string? Region(IQueryCollection query)
    {
        if (Text(query, "region") is not { } region) return null;
        if (region.Length is < 2 or > 12 || !region.All(char.IsAsciiDigit))
            throw new SearchRequestException("region", "region must be a region code (digits: 6 for a district, 9 for a street, 12 for a community).");
        return region;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, bool endOfDay)
    {
        if (Text(query, name) is not { } value) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), CityOffset).AddDays(endOfDay ? 1 : 0);
        if (value.Contains('T') && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new SearchRequestException(name, $"{name} must be a date (2026-01-31) or an ISO 8601 time (2026-01-31T08:00:00+08:00).");
    }

    private static int Integer(IQueryCollection query, string name, int fallback)
    {
        if (Text(query, name) is not { } value) return fallback;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new SearchRequestException(name, $"{name} must be a whole number.");
    }
}
