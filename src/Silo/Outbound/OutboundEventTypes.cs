using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Outbound;

/// <summary>The case changes published outside: event type names as webhook subscribers see them.</summary>
public static class OutboundEventTypes
{
    public const string Replied = "case.replied";
    public const string Closed = "case.closed";
    public const string Rated = "case.rated";
    public const string Reopened = "case.reopened";

    public static readonly IReadOnlyList<string> All = [Replied, Closed, Rated, Reopened];

    /// <summary>The event a timeline entry publishes, or null for internal steps (forwarding, supervision…).</summary>
    public static string? Of(CaseAction action) => action switch
    {
        CaseAction.Reply => Replied,
        CaseAction.Close => Closed,
        CaseAction.Rate => Rated,
        CaseAction.Reopen => Reopened,
        _ => null,
    };
}
