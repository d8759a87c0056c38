namespace CityMatrix.Nlp.Places;

/// <summary>Administrative level of a region code (6401 city, 6 digits district, 9 street/town, 12 community/village), plus roads.</summary>
public enum PlaceLevel
{
    City = 2,
    District = 3,
    Street = 4,
    Community = 5,

    /// <summary>A named road; roads have no region code.</summary>
    Road = 6,
}
