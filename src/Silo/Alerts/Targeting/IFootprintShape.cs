using NetTopologySuite.Geometries;

namespace CityMatrix.Silo.Alerts.Targeting;

/// <summary>One shape of an alert's area. Coordinates: X = longitude, Y = latitude (degrees).</summary>
public interface IFootprintShape
{
    Envelope Bounds { get; }

    bool Contains(double lat, double lon);

    /// <summary>Whether the whole cell is inside, outside, or must be decided point by point.</summary>
    Coverage Classify(Envelope cell);

    /// <summary>A polygon approximation, for jurisdiction checks.</summary>
    Geometry Approximation { get; }
}
