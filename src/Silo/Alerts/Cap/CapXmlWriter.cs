using System.Text;
using System.Xml;

namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>Writes an alert as CAP 1.2 XML, elements in schema order, empty optional elements left out.</summary>
public static class CapXmlWriter
{
    public static string Write(CapAlert alert)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("alert", CapVocabulary.Namespace);
            Text(writer, "identifier", alert.Identifier);
            Text(writer, "sender", alert.Sender);
            Text(writer, "sent", alert.Sent);
            Text(writer, "status", alert.Status);
            Text(writer, "msgType", alert.MsgType);
            Text(writer, "source", alert.Source);
            Text(writer, "scope", alert.Scope);
            Text(writer, "restriction", alert.Restriction);
            Text(writer, "addresses", alert.Addresses);
            foreach (var code in alert.Code) Text(writer, "code", code);
            Text(writer, "note", alert.Note);
            Text(writer, "references", alert.References);
            Text(writer, "incidents", alert.Incidents);
            foreach (var info in alert.Info) Info(writer, info);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        return builder.ToString();
    }

    private static void Info(XmlWriter writer, CapInfo info)
    {
        writer.WriteStartElement("info", CapVocabulary.Namespace);
        Text(writer, "language", info.Language);
        foreach (var category in info.Category) Text(writer, "category", category);
        Text(writer, "event", info.Event);
        foreach (var response in info.ResponseType) Text(writer, "responseType", response);
        Text(writer, "urgency", info.Urgency);
        Text(writer, "severity", info.Severity);
        Text(writer, "certainty", info.Certainty);
        Text(writer, "audience", info.Audience);
        foreach (var code in info.EventCode) Pair(writer, "eventCode", code);
        Text(writer, "effective", info.Effective);
        Text(writer, "onset", info.Onset);
        Text(writer, "expires", info.Expires);
        Text(writer, "senderName", info.SenderName);
        Text(writer, "headline", info.Headline);
        Text(writer, "description", info.Description);
        Text(writer, "instruction", info.Instruction);
        Text(writer, "web", info.Web);
        Text(writer, "contact", info.Contact);
        foreach (var parameter in info.Parameter) Pair(writer, "parameter", parameter);
        foreach (var resource in info.Resource)
        {
            writer.WriteStartElement("resource", CapVocabulary.Namespace);
            Text(writer, "resourceDesc", resource.ResourceDesc);
            Text(writer, "mimeType", resource.MimeType);
            Text(writer, "size", resource.Size);
            Text(writer, "uri", resource.Uri);
            Text(writer, "derefUri", resource.DerefUri);
            Text(writer, "digest", resource.Digest);
            writer.WriteEndElement();
        }
        foreach (var area in info.Area)
        {
            writer.WriteStartElement("area", CapVocabulary.Namespace);
            Text(writer, "areaDesc", area.AreaDesc);
            foreach (var polygon in area.Polygon) Text(writer, "polygon", polygon);
            foreach (var circle in area.Circle) Text(writer, "circle", circle);
            foreach (var geocode in area.Geocode) Pair(writer, "geocode", geocode);
            Text(writer, "altitude", area.Altitude);
            Text(writer, "ceiling", area.Ceiling);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static void Pair(XmlWriter writer, string name, CapValuePair pair)
    {
        writer.WriteStartElement(name, CapVocabulary.Namespace);
        Text(writer, "valueName", pair.ValueName);
        Text(writer, "value", pair.Value);
        writer.WriteEndElement();
    }

    private static void Text(XmlWriter writer, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        writer.WriteElementString(name, CapVocabulary.Namespace, value);
    }

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
