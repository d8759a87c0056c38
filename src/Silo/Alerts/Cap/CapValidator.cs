using System.Collections.Frozen;

namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>
/// Checks an alert against CAP 1.2 (required elements, enumerations, time format, polygon and circle
/// syntax, restriction/addresses by scope, references) plus what a push needs (something to target),
/// and reports every fault by field path. Rules that need the store (do the references resolve?) are
/// checked by the alert service on top of these.
/// </summary>
public static class CapValidator
{
    public static CapFaults Validate(CapAlert alert)
    {
        var faults = new CapFaults();
        RequiredToken(faults, "identifier", alert.Identifier);
        RequiredToken(faults, "sender", alert.Sender);
        Time(faults, "sent", alert.Sent, required: true);
        Enumerated(faults, "status", alert.Status, CapVocabulary.Status, required: true);
        Enumerated(faults, "msgType", alert.MsgType, CapVocabulary.MsgType, required: true);
        Enumerated(faults, "scope", alert.Scope, CapVocabulary.Scope, required: true);

        if (alert.Scope == "Restricted" && string.IsNullOrWhiteSpace(alert.Restriction))
            faults.Add("restriction", "restriction is required when scope is Restricted.");
        if (alert.Scope != "Restricted" && !string.IsNullOrWhiteSpace(alert.Restriction))
            faults.Add("restriction", "restriction is used only with scope Restricted.");
        if (alert.Scope == "Private" && string.IsNullOrWhiteSpace(alert.Addresses))
            faults.Add("addresses", "addresses are required when scope is Private.");

        References(faults, alert);

        var pushes = alert.MsgType is "Alert" or "Update";
        if (pushes && alert.Info.Count == 0)
            faults.Add("info", $"An {alert.MsgType} needs at least one info block to tell people what to do.");
        for (var i = 0; i < alert.Info.Count; i++) Info(faults, $"info[{i}]", alert.Info[i], alert.Sent);
        if (pushes && alert.Info.Count > 0 && !alert.Info.SelectMany(i => i.Area).Any(a => a.Polygon.Count + a.Circle.Count + a.Geocode.Count > 0))
            faults.Add("info", "At least one area with a polygon, circle or geocode is needed to know whom to alert.");
        return faults;
    }

    private static void References(CapFaults faults, CapAlert alert)
    {
        var needed = alert.MsgType is "Update" or "Cancel" or "Ack" or "Error";
        if (string.IsNullOrWhiteSpace(alert.References))
        {
            if (needed) faults.Add("references", $"A {alert.MsgType} must reference the message(s) it concerns (sender,identifier,sent).");
            return;
        }
        var references = CapReference.Parse(alert.References, (i, message) => faults.Add($"references[{i}]", message));
        if (references.Any(r => r.Identifier == alert.Identifier && r.Sender == alert.Sender))
            faults.Add("references", "An alert cannot reference itself.");
    }

    private static void Info(CapFaults faults, string path, CapInfo info, string? sent)
    {
        if (info.Category.Count == 0) faults.Add($"{path}.category", "At least one category is required.");
        for (var c = 0; c < info.Category.Count; c++)
            Enumerated(faults, $"{path}.category[{c}]", info.Category[c], CapVocabulary.Category, required: true);
        Required(faults, $"{path}.event", info.Event);
        for (var r = 0; r < info.ResponseType.Count; r++)
            Enumerated(faults, $"{path}.responseType[{r}]", info.ResponseType[r], CapVocabulary.ResponseType, required: true);
        Enumerated(faults, $"{path}.urgency", info.Urgency, CapVocabulary.Urgency, required: true);
        Enumerated(faults, $"{path}.severity", info.Severity, CapVocabulary.Severity, required: true,
            hint: " (or a warning colour: 红/橙/黄/蓝)");
        Enumerated(faults, $"{path}.certainty", info.Certainty, CapVocabulary.Certainty, required: true);
        Pairs(faults, $"{path}.eventCode", info.EventCode);
        Pairs(faults, $"{path}.parameter", info.Parameter);
        Time(faults, $"{path}.effective", info.Effective, required: false);
        Time(faults, $"{path}.onset", info.Onset, required: false);
        Time(faults, $"{path}.expires", info.Expires, required: false);
        if (CapTime.TryParse(info.Expires, out var expires) && CapTime.TryParse(sent, out var sentAt) && expires <= sentAt)
            faults.Add($"{path}.expires", "expires must be later than sent.");
        if (info.Web is { Length: > 0 } web && !Uri.TryCreate(web, UriKind.Absolute, out _))
            faults.Add($"{path}.web", $"'{web}' is not an absolute URI.");
        for (var r = 0; r < info.Resource.Count; r++)
        {
            Required(faults, $"{path}.resource[{r}].resourceDesc", info.Resource[r].ResourceDesc);
            Required(faults, $"{path}.resource[{r}].mimeType", info.Resource[r].MimeType);
            if (info.Resource[r].Size is { Length: > 0 } size && !long.TryParse(size, out _))
                faults.Add($"{path}.resource[{r}].size", $"'{size}' is not a whole number of bytes.");
        }
        for (var a = 0; a < info.Area.Count; a++) Area(faults, $"{path}.area[{a}]", info.Area[a]);
    }

    private static void Area(CapFaults faults, string path, CapArea area)
    {
        Required(faults, $"{path}.areaDesc", area.AreaDesc);
        for (var p = 0; p < area.Polygon.Count; p++)
        {
            if (!CapShapes.TryParsePolygon(area.Polygon[p], out _, out var fault)) faults.Add($"{path}.polygon[{p}]", fault!);
        }
        for (var c = 0; c < area.Circle.Count; c++)
        {
            if (!CapShapes.TryParseCircle(area.Circle[c], out _, out var fault)) faults.Add($"{path}.circle[{c}]", fault!);
        }
        Pairs(faults, $"{path}.geocode", area.Geocode);
        if (area.Altitude is { Length: > 0 } altitude && !double.TryParse(altitude, System.Globalization.CultureInfo.InvariantCulture, out _))
            faults.Add($"{path}.altitude", $"'{altitude}' is not a number of feet.");
        if (area.Ceiling is { Length: > 0 } ceiling)
        {
            if (string.IsNullOrWhiteSpace(area.Altitude)) faults.Add($"{path}.ceiling", "ceiling is used only with altitude.");
            else if (!double.TryParse(ceiling, System.Globalization.CultureInfo.InvariantCulture, out _)) faults.Add($"{path}.ceiling", $"'{ceiling}' is not a number of feet.");
        }
    }

    private static void Pairs(CapFaults faults, string path, List<CapValuePair> pairs)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            Required(faults, $"{path}[{i}].valueName", pairs[i].ValueName);
            Required(faults, $"{path}[{i}].value", pairs[i].Value);
        }
    }

    private static void Required(CapFaults faults, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) faults.Add(path, $"{Leaf(path)} is required.");
    }

    /// <summary>identifier and sender: no spaces, commas or the XML-restricted &lt; and &amp; (CAP 1.2 §3.2.1).</summary>
    private static void RequiredToken(CapFaults faults, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) faults.Add(path, $"{path} is required.");
        else if (value.Any(c => char.IsWhiteSpace(c) || c is ',' or '<' or '&'))
            faults.Add(path, $"{path} must not contain spaces, commas, '<' or '&'.");
        else if (value.Length > 256) faults.Add(path, $"{path} is longer than 256 characters.");
    }

    private static void Time(CapFaults faults, string path, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) faults.Add(path, $"{Leaf(path)} is required.");
            return;
        }
        if (CapTime.Fault(value) is { } fault) faults.Add(path, fault);
    }

    private static void Enumerated(CapFaults faults, string path, string? value, FrozenSet<string> allowed, bool required, string hint = "")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) faults.Add(path, $"{Leaf(path)} is required: one of {CapVocabulary.Listing(allowed)}{hint}.");
            return;
        }
        if (!allowed.Contains(value)) faults.Add(path, $"'{value}' is not a CAP {Leaf(path)}: use one of {CapVocabulary.Listing(allowed)}{hint}.");
    }

    private static string Leaf(string path)
    {
        var leaf = path[(path.LastIndexOf('.') + 1)..];
        var bracket = leaf.IndexOf('[');
        return bracket < 0 ? leaf : leaf[..bracket];
    }
}
