namespace CityMatrix.Silo.Metrics;

/// <summary>
/// The counters of one (account, day) row, in column order. All but <see cref="Closures"/> count the cases
/// received that day (the day's cohort) as they stand now; <see cref="Closures"/> counts closures made that
/// day. Definitions and formulas: docs/METRICS.md.
/// </summary>
public static class MetricColumn
{
    public const int Received = 0;
    public const int Merged = 1;
    public const int Dispatched = 2;
    public const int ResponseDue = 3;
    public const int AcceptedInTime = 4;
    public const int RespondedInTime = 5;
    public const int Open = 6;
    public const int Closed = 7;
    public const int ClosedOnTime = 8;
    public const int EverClosed = 9;
    public const int Reopened = 10;
    public const int Rated = 11;
    public const int Solved = 12;
    public const int Satisfied = 13;
    public const int Closures = 14;
    public const int FirstCloseBucket = 15;

    public static int Count { get; } = FirstCloseBucket + TimeToClose.BucketCount;

    /// <summary>SQL column names, index for index.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "received", "merged", "dispatched", "response_due", "accepted_in_time", "responded_in_time", "open_now", "closed",
        "closed_on_time", "ever_closed", "reopened", "rated", "solved", "satisfied", "closures",
        .. Enumerable.Range(0, TimeToClose.BucketCount).Select(TimeToClose.ColumnName),
    ];
}
