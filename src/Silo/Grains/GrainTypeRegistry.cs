namespace CityMatrix.Silo.Grains;

/// <summary>Which implementation class serves which grain interface.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, Type> _implementations = [];

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations)
    {
        foreach (var registration in registrations) Register(registration.Interface, registration.Implementation);
    }

    public void Register(Type grainInterface, Type implementation)
    {
        if (!grainInterface.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface))
            throw new ArgumentException($"{grainInterface.Name} must be an interface deriving from IGrainWithStringKey.");
        if (!typeof(Grain).IsAssignableFrom(implementation) || !grainInterface.IsAssignableFrom(implementation))
            throw new ArgumentException($"{implementation.Name} must derive from Grain and implement {grainInterface.Name}.");
        foreach (var method in grainInterface.GetMethods())
        {
            var returns = method.ReturnType;
            var isTask = returns == typeof(Task) || (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>));
            if (!isTask) throw new ArgumentException($"{grainInterface.Name}.{method.Name} must return Task or Task<T>.");
        }
        _implementations[grainInterface] = implementation;
    }

    public Type ImplementationOf(Type grainInterface) =>
        _implementations.TryGetValue(grainInterface, out var implementation)
            ? implementation
            : throw new InvalidOperationException($"No grain implementation registered for {grainInterface.Name}.");
}
