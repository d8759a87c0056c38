namespace CityMatrix.Silo.Alerts.Targeting;

/// <summary>How a shape covers one grid cell of the client index.</summary>
public enum Coverage
{
    Outside,
    Partial,
    Inside,
}
