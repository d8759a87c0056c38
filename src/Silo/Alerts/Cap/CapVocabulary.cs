using System.Collections.Frozen;

namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>The CAP 1.2 enumerations (case-sensitive, as the schema has them).</summary>
public static class CapVocabulary
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string MediaType = "application/cap+xml";

    public static readonly FrozenSet<string> Status = Set("Actual", "Exercise", "System", "Test", "Draft");
    public static readonly FrozenSet<string> MsgType = Set("Alert", "Update", "Cancel", "Ack", "Error");
    public static readonly FrozenSet<string> Scope = Set("Public", "Restricted", "Private");
    public static readonly FrozenSet<string> Category = Set("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other");
    public static readonly FrozenSet<string> ResponseType = Set("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None");
    public static readonly FrozenSet<string> Urgency = Set("Immediate", "Expected", "Future", "Past", "Unknown");
    public static readonly FrozenSet<string> Severity = Set("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    public static readonly FrozenSet<string> Certainty = Set("Observed", "Likely", "Possible", "Unlikely", "Unknown");

    public static string Listing(FrozenSet<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));

    private static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);
}
