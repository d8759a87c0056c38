using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Sla;

/// <summary>
/// Who a 督办 goes to and what it says. Level 1: the holding account and its parent (or, for a unit without
/// one, the bureau it belongs to); level 2 adds @问政银川 (the manager); level 3 adds the super-supervisors
/// (@银川纪委, @微博银川), who hold the answerable unit to account (问责).
/// </summary>
public sealed class SlaEscalation(AccountDirectory accounts)
{
    private static readonly TimeSpan Yinchuan = TimeSpan.FromHours(8);

    public IReadOnlyList<string> Notified(string holderId, int level)
    {
        var notified = new List<string> { holderId };
        var holder = accounts.Find(holderId);
        if ((holder?.ParentId ?? holder?.BureauId) is { } parent) notified.Add(parent);
        if (level >= 2 && accounts.Manager is { } manager) notified.Add(manager.Id);
        if (level >= 3) notified.AddRange(SuperSupervisors());
        return notified.Distinct().ToList();
    }

    /// <summary>Everyone a live event about the case is for: holder, answerable unit and whoever the step notified.</summary>
    public IReadOnlyList<string> Audience(CaseState state, int level) =>
        new[] { state.AccountId, state.AnswerableAccountId }.OfType<string>().Concat(level > 0 ? Notified(state.AccountId, level) : []).Distinct().ToList();

    public string WarningNote(CaseState state, SlaClock clock, DateTimeOffset due, double share) =>
        $"{CaseClocks.Name(clock)}时限预警：时限{Local(due)}，已用时{share:P0}，请{Name(state.AccountId)}抓紧办理。";

    public string BreachNote(CaseState state, SlaClock clock, DateTimeOffset due, int level)
    {
        var what = $"{CaseClocks.Name(clock)}时限{Local(due)}已过";
        var notified = Notified(state.AccountId, level);
        var parent = notified.Count > 1 && notified[1] != accounts.Manager?.Id ? Name(notified[1]) : null;
        return level switch
        {
            1 => $"超时督办（一级）：{what}，请{Name(state.AccountId)}立即办理" + (parent is null ? "。" : $"，{parent}督促落实。"),
            2 => $"超时督办（二级）：{what}仍未办理，升级至{Name(accounts.Manager?.Id)}督办，请{Name(state.AccountId)}当日说明情况。",
            _ => $"超时督办（三级）：{what}仍未办结，报{string.Join("、", SuperSupervisors().Select(Name))}问责，责任单位{Name(state.AnswerableAccountId ?? state.AccountId)}。",
        };
    }

    private IEnumerable<string> SuperSupervisors() =>
        accounts.All.Where(a => a.Kind == AccountKind.SuperSupervisor && a.Active).Select(a => a.Id).Order(StringComparer.Ordinal);

    private string Name(string? accountId) => accounts.Find(accountId) is { } account ? account.DisplayName : accountId ?? "";

    private static string Local(DateTimeOffset at) => at.ToOffset(Yinchuan).ToString("M月d日HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
