namespace CityMatrix.Silo.Grains;

/// <summary>Hands out references to grains; the Orleans interface of the same name has this shape.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;
}
