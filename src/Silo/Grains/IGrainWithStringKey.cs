namespace CityMatrix.Silo.Grains;

/// <summary>Marker for grain interfaces addressed by a string key (as in Orleans).</summary>
public interface IGrainWithStringKey;
