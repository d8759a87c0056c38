namespace CityMatrix.Silo.Cases;

public enum CaseUrgency
{
    Normal,
    /// <summary>Water, power, gas, heating outages and the like.</summary>
    Urgent,
    /// <summary>Life-threatening: fire, gas leak, someone in danger.</summary>
    Critical,
}
