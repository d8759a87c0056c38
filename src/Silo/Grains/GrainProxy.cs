using System.Collections.Concurrent;
using System.Reflection;

namespace CityMatrix.Silo.Grains;

/// <summary>
/// A grain reference: implements the grain interface and routes every call through the host's turn
/// queue for the key (Orleans generates such references at build time; here DispatchProxy does it).
/// </summary>
public class GrainProxy : DispatchProxy
{
    private static readonly MethodInfo InvokeTypedDefinition =
        typeof(GrainProxy).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly ConcurrentDictionary<MethodInfo, MethodInfo?> TypedInvokers = new();

    private GrainHost _host = null!;
    private Type _interface = null!;
    private string _key = null!;

    internal static TGrainInterface Create<TGrainInterface>(GrainHost host, string key)
    {
        var proxy = Create<TGrainInterface, GrainProxy>();
        var reference = (GrainProxy)(object)proxy!;
        reference._host = host;
        reference._interface = typeof(TGrainInterface);
        reference._key = key;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var typed = TypedInvokers.GetOrAdd(targetMethod, static m =>
            m.ReturnType.IsGenericType ? InvokeTypedDefinition.MakeGenericMethod(m.ReturnType.GetGenericArguments()[0]) : null);
        if (typed is null)
        {
            return _host.InvokeAsync<object?>(_interface, _key, async grain =>
            {
                await (Task)Call(targetMethod, grain, args);
                return null;
            });
        }
        return typed.Invoke(this, [targetMethod, args]);
    }

    private Task<T> InvokeTyped<T>(MethodInfo method, object?[]? args) =>
        _host.InvokeAsync(_interface, _key, grain => (Task<T>)Call(method, grain, args));

    private static object Call(MethodInfo method, Grain grain, object?[]? args) =>
        method.Invoke(grain, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null)!;

    public override string ToString() => $"{_interface.Name}/{_key}";
}
