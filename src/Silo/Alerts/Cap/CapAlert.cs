namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>
/// An OASIS CAP 1.2 alert message, element for element. Every value is kept as the text it arrived as,
/// so that the validator can name every fault (a bad enumeration, a time with "Z") instead of failing at
/// the first one; <see cref="CapValidator"/> decides what is acceptable. The JSON form uses the CAP element
/// names (identifier, msgType, info[], area[], areaDesc, polygon[], geocode[{valueName, value}], ...).
/// </summary>
public sealed class CapAlert
{
    public string? Identifier { get; set; }
    public string? Sender { get; set; }
    public string? Sent { get; set; }
    public string? Status { get; set; }
    public string? MsgType { get; set; }
    public string? Source { get; set; }
    public string? Scope { get; set; }
    public string? Restriction { get; set; }
    public string? Addresses { get; set; }
    public List<string> Code { get; set; } = [];
    public string? Note { get; set; }
    public string? References { get; set; }
    public string? Incidents { get; set; }
    public List<CapInfo> Info { get; set; } = [];
}

public sealed class CapInfo
{
    public string? Language { get; set; }
    public List<string> Category { get; set; } = [];
    public string? Event { get; set; }
    public List<string> ResponseType { get; set; } = [];
    public string? Urgency { get; set; }
    public string? Severity { get; set; }
    public string? Certainty { get; set; }
    public string? Audience { get; set; }
    public List<CapValuePair> EventCode { get; set; } = [];
    public string? Effective { get; set; }
    public string? Onset { get; set; }
    public string? Expires { get; set; }
    public string? SenderName { get; set; }
    public string? Headline { get; set; }
    public string? Description { get; set; }
    public string? Instruction { get; set; }
    public string? Web { get; set; }
    public string? Contact { get; set; }
    public List<CapValuePair> Parameter { get; set; } = [];
    public List<CapResource> Resource { get; set; } = [];
    public List<CapArea> Area { get; set; } = [];
}

public sealed class CapResource
{
    public string? ResourceDesc { get; set; }
    public string? MimeType { get; set; }
    public string? Size { get; set; }
    public string? Uri { get; set; }
    public string? DerefUri { get; set; }
    public string? Digest { get; set; }
}

public sealed class CapArea
{
    public string? AreaDesc { get; set; }
    public List<string> Polygon { get; set; } = [];
    public List<string> Circle { get; set; } = [];
    public List<CapValuePair> Geocode { get; set; } = [];
    public string? Altitude { get; set; }
    public string? Ceiling { get; set; }
}

public sealed class CapValuePair
{
    public string? ValueName { get; set; }
    public string? Value { get; set; }
}
