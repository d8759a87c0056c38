using System.Text;

namespace CityMatrix.Nlp.Classification;

/// <summary>Minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes).</summary>
public static class CsvRecords
{
    public static IEnumerable<string[]> Read(TextReader reader)
    {
        var field = new StringBuilder();
        var record = new List<string>();
        bool quoted = false, any = false;
        int ch;
        while ((ch = reader.Read()) != -1)
        {
            char c = (char)ch;
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    record.Add(field.ToString()); field.Clear();
                    yield return record.ToArray();
                    record.Clear(); any = false;
                    break;
                default: field.Append(c); break;
            }
        }
        if (any) { record.Add(field.ToString()); yield return record.ToArray(); }
    }

    /// <summary>Rows as dictionaries keyed by the header row.</summary>
    public static IEnumerable<Dictionary<string, string>> ReadWithHeader(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        string[]? header = null;
        foreach (var rec in Read(reader))
        {
            if (header is null) { header = rec.Select(h => h.Trim('\uFEFF', ' ')).ToArray(); continue; }
            var row = new Dictionary<string, string>(header.Length);
            for (int i = 0; i < header.Length; i++) row[header[i]] = i < rec.Length ? rec[i] : "";
            yield return row;
        }
    }
}
