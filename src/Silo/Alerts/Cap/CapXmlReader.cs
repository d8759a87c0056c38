using System.Xml;
using System.Xml.Linq;

namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>
/// Reads a CAP 1.2 XML document into <see cref="CapAlert"/>, collecting structural faults (not XML, wrong
/// root or namespace, an element given twice, an element CAP does not have) instead of stopping at the
/// first. Elements of other namespaces (an XML signature) are ignored. DTDs are refused.
/// </summary>
public static class CapXmlReader
{
    private static readonly XNamespace Cap = CapVocabulary.Namespace;

    /// <summary>The alert, or null when the document is not a CAP alert at all (see <paramref name="faults"/>).</summary>
    public static CapAlert? Read(string xml, CapFaults faults)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            faults.Add("alert", $"The body is not well-formed XML: {e.Message}");
            return null;
        }
        var root = document.Root!;
        if (root.Name != Cap + "alert")
        {
            faults.Add("alert", $"The root element must be <alert> in namespace {CapVocabulary.Namespace}; found <{root.Name.LocalName}> in '{root.Name.NamespaceName}'.");
            return null;
        }
        var alert = new CapAlert();
        var walker = new Walker(faults, "", root);
        alert.Identifier = walker.Single("identifier");
        alert.Sender = walker.Single("sender");
        alert.Sent = walker.Single("sent");
        alert.Status = walker.Single("status");
        alert.MsgType = walker.Single("msgType");
        alert.Source = walker.Single("source");
        alert.Scope = walker.Single("scope");
        alert.Restriction = walker.Single("restriction");
        alert.Addresses = walker.Single("addresses");
        alert.Code = walker.Many("code");
        alert.Note = walker.Single("note");
        alert.References = walker.Single("references");
        alert.Incidents = walker.Single("incidents");
        alert.Info = walker.Children("info").Select((e, i) => ReadInfo(new Walker(faults, $"info[{i}].", e))).ToList();
        walker.RejectUnknown();
        return alert;
    }

    private static CapInfo ReadInfo(Walker w)
    {
        var info = new CapInfo
        {
            Language = w.Single("language"),
            Category = w.Many("category"),
            Event = w.Single("event"),
            ResponseType = w.Many("responseType"),
            Urgency = w.Single("urgency"),
            Severity = w.Single("severity"),
            Certainty = w.Single("certainty"),
            Audience = w.Single("audience"),
            EventCode = w.Pairs("eventCode"),
            Effective = w.Single("effective"),
            Onset = w.Single("onset"),
            Expires = w.Single("expires"),
            SenderName = w.Single("senderName"),
            Headline = w.Single("headline"),
            Description = w.Single("description"),
            Instruction = w.Single("instruction"),
            Web = w.Single("web"),
            Contact = w.Single("contact"),
            Parameter = w.Pairs("parameter"),
            Resource = w.Children("resource").Select((e, i) => ReadResource(w.Child($"resource[{i}].", e))).ToList(),
            Area = w.Children("area").Select((e, i) => ReadArea(w.Child($"area[{i}].", e))).ToList(),
        };
        w.RejectUnknown();
        return info;
    }

    private static CapResource ReadResource(Walker w)
    {
        var resource = new CapResource
        {
            ResourceDesc = w.Single("resourceDesc"), MimeType = w.Single("mimeType"), Size = w.Single("size"),
            Uri = w.Single("uri"), DerefUri = w.Single("derefUri"), Digest = w.Single("digest"),
        };
        w.RejectUnknown();
        return resource;
    }

    private static CapArea ReadArea(Walker w)
    {
        var area = new CapArea
        {
            AreaDesc = w.Single("areaDesc"), Polygon = w.Many("polygon"), Circle = w.Many("circle"),
            Geocode = w.Pairs("geocode"), Altitude = w.Single("altitude"), Ceiling = w.Single("ceiling"),
        };
        w.RejectUnknown();
        return area;
    }

    /// <summary>Reads the children of one element and remembers which names were asked for.</summary>
    private sealed class Walker(CapFaults faults, string prefix, XElement element)
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);

        public Walker Child(string childPrefix, XElement child) => new(faults, prefix + childPrefix, child);

        public IEnumerable<XElement> Children(string name)
        {
            _known.Add(name);
            return element.Elements(Cap + name);
        }

        public string? Single(string name)
        {
            var found = Children(name).ToList();
            if (found.Count > 1) faults.Add(prefix + name, $"<{name}> may appear only once; found {found.Count}.");
            return found.Count == 0 || found[0].Value.Trim().Length == 0 ? null : found[0].Value.Trim();
        }

        public List<string> Many(string name) => Children(name).Select(e => e.Value.Trim()).ToList();

        public List<CapValuePair> Pairs(string name) => Children(name).Select((e, i) =>
        {
            var pair = Child($"{name}[{i}].", e);
            var result = new CapValuePair { ValueName = pair.Single("valueName"), Value = pair.Single("value") };
            pair.RejectUnknown();
            return result;
        }).ToList();

        public void RejectUnknown()
        {
            foreach (var unknown in element.Elements().Where(e => e.Name.Namespace == Cap && !_known.Contains(e.Name.LocalName)))
                faults.Add(prefix + unknown.Name.LocalName, $"<{unknown.Name.LocalName}> is not a CAP 1.2 element here.");
        }
    }
}
