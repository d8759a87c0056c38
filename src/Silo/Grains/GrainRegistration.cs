namespace CityMatrix.Silo.Grains;

public sealed record GrainRegistration(Type Interface, Type Implementation);
