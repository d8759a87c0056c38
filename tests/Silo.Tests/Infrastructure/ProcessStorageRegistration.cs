using System.Runtime.CompilerServices;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>
/// Registers storage as the server does before any test runs, as the server registers it before it opens any
/// connection: SQLite takes its process-wide settings only before the first connection, and test classes run side
/// by side, some opening connections of their own.
/// </summary>
internal static class ProcessStorageRegistration
{
#pragma warning disable CA2255 // A test assembly's one-time set-up, the reason module initializers exist.
    [ModuleInitializer]
    internal static void RegisterBeforeAnyTest() => new ServiceCollection().AddCityMatrixStorage();
#pragma warning restore CA2255
}
