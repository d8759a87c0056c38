using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Seed;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Persistence;

/// <summary>Writes the embedded Yinchuan matrix into an empty accounts table (first start only).</summary>
public sealed class MatrixSeeder(TimeProvider time)
{
    public async Task<int> SeedIfEmptyAsync(CityMatrixDbContext db, CancellationToken cancellationToken = default)
    {
        if (await db.Accounts.AnyAsync(cancellationToken)) return 0;
        var seed = MatrixSeed.Load();
        var faults = MatrixSeed.Validate(seed);
        if (faults.Count > 0)
            throw new InvalidOperationException($"The embedded matrix seed is unsound: {string.Join("; ", faults.Take(5))}");
        var now = time.GetUtcNow();
        db.Accounts.AddRange(seed.Select(a => new AccountState
        {
            Id = a.Id,
            DisplayName = a.DisplayName,
            OfficialName = a.Name,
            Kind = a.Kind,
            ParentId = a.ParentId,
            BureauId = a.BureauId,
            Jurisdiction = [.. a.Jurisdiction],
            Competence = [.. a.Competence],
            Active = a.Active,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return seed.Count;
    }
}
