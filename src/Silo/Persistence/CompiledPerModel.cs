using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// An EF compiled query for each model it runs against. A compiled query binds to the model of the first context that
/// runs it and refuses any other, and one process can hold contexts of both providers (the tests do), each with its
/// own model.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new(ReferenceEqualityComparer.Instance);

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
