using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Metrics;

/// <summary>
/// The metric definitions of docs/METRICS.md as a function of a case's state and timeline. The SQL view
/// case_metric_facts (migration 0010) states the same definitions over the tables; the two must agree
/// exactly (tested by recomputation), so change both together.
/// </summary>
public static class CaseMetrics
{
    /// <summary>
    /// The case's contribution. <paramref name="tickPrecision"/> is the store's time resolution in ticks
    /// (1 on SQLite, 10 = a microsecond on PostgreSQL): times are cut to it first, so a contribution
    /// computed from the state in memory equals the one computed later from the stored row.
    /// </summary>
    public static CaseContribution ContributionOf(CaseState state, long tickPrecision)
    {
        if (string.IsNullOrEmpty(state.Id)) return CaseContribution.None;
        long T(DateTimeOffset at) => at.UtcTicks - at.UtcTicks % tickPrecision;

        // 首接负责制: the answerable unit (first receiver until a formal hand-over); the registering
        // account while the case has not been forwarded yet.
        var account = state.AnswerableAccountId ?? state.ReceivedById;
        var receivedAt = T(state.ReceivedAt);
        var cohort = new CounterKey(account, CityDay.KeyOf(new DateTimeOffset(receivedAt, TimeSpan.Zero)));
        var row = new MetricCounts();
        var rows = new Dictionary<CounterKey, MetricCounts> { [cohort] = row };
        if (state.Status == CaseStatus.Merged)
        {
            row[MetricColumn.Merged] = 1;
            return WithMonths(rows);
        }

        row[MetricColumn.Received] = 1;
        if (state.FirstReceiverId is not null)
        {
            row[MetricColumn.Dispatched] = 1;
            if (state.FirstResponseDue is { } due)
            {
                row[MetricColumn.ResponseDue] = 1;
                var firstAccept = FirstAcceptTicks(state, tickPrecision);
                if (firstAccept is { } accepted && accepted <= T(due)) row[MetricColumn.AcceptedInTime] = 1;
                if (state.RepliedAt is { } replied && T(replied) <= T(due)) row[MetricColumn.RespondedInTime] = 1;
            }
        }

        var closed = state.Status is CaseStatus.Closed or CaseStatus.Rated;
        if (!closed) row[MetricColumn.Open] = 1;
        else
        {
            row[MetricColumn.Closed] = 1;
            if (state.ClosedAt is { } closedAtValue)
            {
                var closedAt = T(closedAtValue);
                if (LastDeadline(state) is { } deadline && closedAt <= T(deadline)) row[MetricColumn.ClosedOnTime] = 1;
                row[MetricColumn.FirstCloseBucket + TimeToClose.BucketOf(closedAt - receivedAt)] = 1;
                var closureKey = cohort with { Day = CityDay.KeyOf(new DateTimeOffset(closedAt, TimeSpan.Zero)) };
                if (!rows.TryGetValue(closureKey, out var closureRow)) rows[closureKey] = closureRow = new MetricCounts();
                closureRow[MetricColumn.Closures] = 1;
            }
        }
        if (closed || state.ReopenCount > 0) row[MetricColumn.EverClosed] = 1;
        if (state.ReopenCount > 0) row[MetricColumn.Reopened] = 1;
        if (state.Status == CaseStatus.Rated)
        {
            row[MetricColumn.Rated] = 1;
            if (state.Solved == true) row[MetricColumn.Solved] = 1;
            if (state.Satisfied == true) row[MetricColumn.Satisfied] = 1;
        }
        return WithMonths(rows);
    }

    /// <summary>Adds the month rows (yyyymm00): each the sum of the case's day rows in that month.</summary>
    private static CaseContribution WithMonths(Dictionary<CounterKey, MetricCounts> days)
    {
        var rows = new Dictionary<CounterKey, MetricCounts>(days);
        foreach (var (key, counts) in days)
        {
            var month = key with { Day = CityDay.MonthKey(key.Day) };
            if (!rows.TryGetValue(month, out var total)) rows[month] = total = new MetricCounts();
            total.Add(counts);
        }
        return new CaseContribution(rows);
    }

    /// <summary>The earliest 签收 on the timeline.</summary>
    private static long? FirstAcceptTicks(CaseState state, long tickPrecision)
    {
        long? first = null;
        foreach (var entry in state.Timeline)
        {
            if (entry.Action != CaseAction.Accept) continue;
            var at = entry.At.UtcTicks - entry.At.UtcTicks % tickPrecision;
            if (first is null || at < first) first = at;
        }
        return first;
    }

    /// <summary>The deadline last set on the timeline, by a forward or an approved extension.</summary>
    private static DateTimeOffset? LastDeadline(CaseState state)
    {
        for (var i = state.Timeline.Count - 1; i >= 0; i--)
        {
            var entry = state.Timeline[i];
            if (entry.Action is CaseAction.Forward or CaseAction.ApproveExtension) return entry.Deadline;
        }
        return null;
    }
}
