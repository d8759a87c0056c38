namespace CityMatrix.Silo.Live;

/// <summary>Event type names as dashboard clients see them.</summary>
public static class LiveEventTypes
{
    public const string CaseCreated = "case.created";
    public const string CaseForwarded = "case.forwarded";
    public const string CaseChanged = "case.changed";
    public const string CaseClosed = "case.closed";
    public const string SlaWarning = "sla.warning";
    public const string SlaBreach = "sla.breach";
    public const string Supervision = "case.supervised";
    public const string Surge = "surge.alert";
    public const string Tiles = "metrics.tiles";
}
