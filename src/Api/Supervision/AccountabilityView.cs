using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Sla;

namespace CityMatrix.Api.Supervision;

/// <summary>A unit of the matrix by id and shown name.</summary>
public sealed record UnitView(string Id, string Name)
{
    public static UnitView? Of(AccountDirectory accounts, string? id) =>
        id is null ? null : new UnitView(id, accounts.Find(id)?.DisplayName ?? id);
}

/// <summary>
/// A line of the 问责 list: the case, the unit answerable for it (首接负责制), the unit holding it and the first
/// receiver, its due times, how long it has been overdue and when it reached 督办 level 3.
/// </summary>
public sealed record AccountabilityView(
    string CaseId,
    CaseStatus State,
    string Category,
    string? Topic,
    string? RegionCode,
    int Level,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? FirstResponseDue,
    DateTimeOffset? Deadline,
    double? OverdueHours,
    UnitView? Answerable,
    UnitView Holder,
    UnitView? FirstReceiver)
{
    public static AccountabilityView From(AccountabilityEntry e, AccountDirectory accounts, DateTimeOffset now)
    {
        var due = e.Deadline ?? e.FirstResponseDue;
        return new AccountabilityView(
            e.CaseId, e.Status, e.Category, e.Topic, e.RegionCode, e.Level, e.EscalatedAt, e.FirstResponseDue, e.Deadline,
            due is { } d && now > d ? Math.Round((now - d).TotalHours, 1) : null,
            UnitView.Of(accounts, e.AnswerableAccountId ?? e.HolderId), UnitView.Of(accounts, e.HolderId)!, UnitView.Of(accounts, e.FirstReceiverId));
    }
}
