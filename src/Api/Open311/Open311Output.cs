using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml.Linq;

namespace CityMatrix.Api.Open311;

/// <summary>One Open311 object: its fields in the spec's order (string, bool, number or null values).</summary>
public sealed class Open311Item : List<KeyValuePair<string, object?>>
{
    public void Add(string key, object? value) => Add(new KeyValuePair<string, object?>(key, value));
}

/// <summary>
/// Writes Open311 answers in either format: JSON (an array of objects) or the spec's schemaless XML
/// (a root element, one child per item, one grandchild per field). Dates are w3 format with offset.
/// </summary>
public static class Open311Output
{
    private static readonly TimeSpan Yinchuan = TimeSpan.FromHours(8);
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static bool IsKnownFormat(string format) => format is "json" or "xml";

    public static string? Date(DateTimeOffset? at) =>
        at?.ToOffset(Yinchuan).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static IResult Write(string format, string root, string element, IEnumerable<Open311Item> items, int status = StatusCodes.Status200OK) =>
        format == "xml"
            ? Results.Text(Xml(root, element, items), "text/xml; charset=utf-8", Encoding.UTF8, status)
            : Results.Text(Json(items), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The spec's error answer: [{code, description}], the description starting with the field at fault.</summary>
    public static IResult Errors(string format, int status, params (string Field, string Message)[] errors) =>
        Write(format, "errors", "error", errors.Select(e => new Open311Item
        {
            { "code", status },
            { "description", string.IsNullOrEmpty(e.Field) ? e.Message : $"{e.Field}: {e.Message}" },
        }), status);

    private static string Json(IEnumerable<Open311Item> items)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartObject();
                foreach (var (key, value) in item)
                {
                    switch (value)
                    {
                        case null: json.WriteNull(key); break;
                        case bool b: json.WriteBoolean(key, b); break;
                        case int i: json.WriteNumber(key, i); break;
                        case double d: json.WriteNumber(key, d); break;
                        default: json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Xml(string root, string element, IEnumerable<Open311Item> items)
    {
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(root, items.Select(item => new XElement(element, item.Select(field => new XElement(field.Key, field.Value switch
            {
                null => "",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            }))))));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
