using System.Globalization;
using System.Text;

namespace CityMatrix.Api.Metrics;

/// <summary>
/// A CSV file as Excel opens it: UTF-8 with a byte-order mark (or Excel guesses the local code page and
/// garbles Chinese), CRLF line ends, fields quoted when they hold a comma, quote or line break. Numbers
/// are written exactly as the JSON writes them (invariant culture, shortest round-trip form); null is empty.
/// </summary>
public sealed class CsvTable
{
    private readonly StringBuilder _text = new();

    public CsvTable Row(IEnumerable<object?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) _text.Append(',');
            first = false;
            _text.Append(Escape(Format(field)));
        }
        _text.Append("\r\n");
        return this;
    }

    public IResult ToResult(string fileName)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(_text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", fileName);
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
