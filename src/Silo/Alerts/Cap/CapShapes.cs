using System.Globalization;

namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>A WGS 84 point as CAP writes it: latitude first.</summary>
public readonly record struct LatLon(double Lat, double Lon);

/// <summary>A CAP circle: centre and radius in kilometres.</summary>
public readonly record struct CapCircle(LatLon Centre, double RadiusKm);

/// <summary>Parses the text forms of CAP polygons ("lat,lon lat,lon ...", closed, ≥ 4 pairs) and circles ("lat,lon radiusKm").</summary>
public static class CapShapes
{
    public static bool TryParsePolygon(string? text, out IReadOnlyList<LatLon> points, out string? fault)
    {
        points = [];
        fault = null;
        var pairs = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var parsed = new List<LatLon>(pairs.Length);
        foreach (var pair in pairs)
        {
            if (!TryParsePoint(pair, out var point, out fault)) return false;
            parsed.Add(point);
        }
        if (parsed.Count < 4)
        {
            fault = $"A polygon needs at least 4 lat,lon pairs (the first repeated as the last); found {parsed.Count}.";
            return false;
        }
        if (parsed[0] != parsed[^1])
        {
            fault = "A polygon must be closed: its last pair must equal its first.";
            return false;
        }
        if (parsed.Distinct().Count() < 3)
        {
            fault = "A polygon needs at least 3 distinct points.";
            return false;
        }
        points = parsed;
        return true;
    }

    public static bool TryParseCircle(string? text, out CapCircle circle, out string? fault)
    {
        circle = default;
        var parts = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            fault = "A circle is \"lat,lon radius\" (radius in km), e.g. \"38.47,106.27 5\".";
            return false;
        }
        if (!TryParsePoint(parts[0], out var centre, out fault)) return false;
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || !double.IsFinite(radius) || radius < 0)
        {
            fault = $"The circle radius '{parts[1]}' is not a non-negative number of kilometres.";
            return false;
        }
        circle = new CapCircle(centre, radius);
        return true;
    }

    public static bool TryParsePoint(string text, out LatLon point, out string? fault)
    {
        point = default;
        fault = null;
        var comma = text.Split(',');
        if (comma.Length != 2
            || !double.TryParse(comma[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(comma[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            fault = $"'{text}' is not a lat,lon pair.";
            return false;
        }
        if (!double.IsFinite(lat) || lat is < -90 or > 90 || !double.IsFinite(lon) || lon is < -180 or > 180)
        {
            fault = $"'{text}' is out of range (latitude -90..90, longitude -180..180; CAP puts latitude first).";
            return false;
        }
        point = new LatLon(lat, lon);
        return true;
    }
}
