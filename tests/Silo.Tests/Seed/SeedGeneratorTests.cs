using System.Diagnostics;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Seed;

public sealed class SeedGeneratorTests
{
    [Fact]
    public async Task Committed_seed_is_what_its_generator_produces()
    {
        var root = TestPostgres.RepositoryRoot();
        var info = new ProcessStartInfo("python3", ["scripts/seed/generate_matrix.py", "--check"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(0, output);
    }
}
