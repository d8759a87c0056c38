namespace CityMatrix.Api.Metrics;

/// <summary>The CSV exports: the same view objects as the JSON endpoints, one column per field, headers in Chinese.</summary>
public static class MetricsCsv
{
    public static readonly IReadOnlyList<(string Header, Func<AccountMetricsView, object?> Value)> AccountColumns =
    [
        ("账号", v => v.AccountId), ("名称", v => v.Name), ("开始日期", v => v.From), ("结束日期", v => v.To),
        ("含下级", v => v.Subtree), ("受理量", v => v.Received),
        ("及时签收率", v => v.AcceptedInTimeRate), ("响应率", v => v.ResponseRate), ("办结率", v => v.ClosureRate),
        ("按时办结率", v => v.OnTimeClosureRate), ("解决率", v => v.SolvedRate), ("满意率", v => v.SatisfactionRate),
        ("重办率", v => v.ReopenRate), ("办结时长中位数（小时）", v => v.MedianHoursToClose), ("办结时长P90（小时）", v => v.P90HoursToClose),
        ("当前超期", v => v.OverdueNow),
        ("合并量", v => v.Counts.Merged), ("转办量", v => v.Counts.Dispatched), ("应响应量", v => v.Counts.ResponseDue),
        ("及时签收量", v => v.Counts.AcceptedInTime), ("及时响应量", v => v.Counts.RespondedInTime), ("在办量", v => v.Counts.Open),
        ("办结量", v => v.Counts.Closed), ("按时办结量", v => v.Counts.ClosedOnTime), ("曾办结量", v => v.Counts.EverClosed),
        ("重办量", v => v.Counts.Reopened), ("评价量", v => v.Counts.Rated), ("已解决量", v => v.Counts.Solved),
        ("满意量", v => v.Counts.Satisfied), ("期间办结次数", v => v.Counts.Closures),
    ];

    public static readonly IReadOnlyList<(string Header, Func<RankingView, RankingRowView, object?> Value)> RankingColumns =
    [
        ("月份", (t, _) => t.Month), ("类别", (t, _) => t.Kind), ("名次", (_, r) => r.Rank), ("账号", (_, r) => r.AccountId),
        ("名称", (_, r) => r.Name), ("综合得分", (_, r) => r.Score), ("受理量", (_, r) => r.Received),
        ("及时签收率", (_, r) => r.AcceptedInTimeRate), ("响应率", (_, r) => r.ResponseRate), ("办结率", (_, r) => r.ClosureRate),
        ("按时办结率", (_, r) => r.OnTimeClosureRate), ("解决率", (_, r) => r.SolvedRate), ("满意率", (_, r) => r.SatisfactionRate),
        ("重办率", (_, r) => r.ReopenRate), ("上期名次", (_, r) => r.PreviousRank), ("名次变化", (_, r) => r.Movement),
    ];

    /// <summary>The account (or subtree) row first, then with a subtree one row per account in it that has figures.</summary>
    public static CsvTable Accounts(AccountMetricsView total, IEnumerable<AccountMetricsView> members)
    {
        var table = new CsvTable().Row(AccountColumns.Select(c => c.Header));
        table.Row(AccountColumns.Select(c => c.Value(total)));
        foreach (var member in members) table.Row(AccountColumns.Select(c => c.Value(member)));
        return table;
    }

    public static CsvTable Ranking(RankingView view)
    {
        var table = new CsvTable().Row(RankingColumns.Select(c => c.Header));
        foreach (var row in view.Rows) table.Row(RankingColumns.Select(c => c.Value(view, row)));
        return table;
    }
}
