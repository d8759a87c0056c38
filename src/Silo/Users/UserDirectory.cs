using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Users;

/// <summary>Users: create, look up, check a password. Stored in the users table.</summary>
public sealed class UserDirectory(IDbContextFactory<CityMatrixDbContext> contexts, AccountDirectory accounts, TimeProvider time)
{
    public async Task<UserRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id.ToLowerInvariant(), cancellationToken);
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The user when the password is right and the user is active; null otherwise (no hint which).</summary>
    public async Task<UserRecord?> CheckPasswordAsync(string id, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id, cancellationToken);
        return user is { Active: true } && PasswordHasher.Verify(password, user.PasswordHash) ? user : null;
    }

    public async Task<UserRecord> CreateAsync(NewUser user, CancellationToken cancellationToken = default)
    {
        var id = user.Id?.Trim().ToLowerInvariant() ?? "";
        Require(id.Length is >= 2 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), "id", "A user id is 2–64 letters, digits, '.', '_' or '-'.");
        Require(user.Password is { Length: >= 8 }, "password", "A password has at least 8 characters.");
        Require(user.Roles.Count > 0 && user.Roles.All(UserRole.All.Contains), "roles", $"Roles are some of: {string.Join(", ", UserRole.All)}.");
        var unknown = user.AccountIds.FirstOrDefault(a => accounts.Find(a) is null);
        Require(unknown is null, "accountIds", $"No account '{unknown}'.");
        var needsAccount = user.Roles.Any(r => r is UserRole.Officer or UserRole.Supervisor or UserRole.Broadcaster);
        Require(!needsAccount || user.AccountIds.Count > 0, "accountIds", "Officers, supervisors and broadcasters work for at least one account.");

        var record = new UserRecord
        {
            Id = id,
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? id : user.DisplayName.Trim(),
            PasswordHash = PasswordHasher.Hash(user.Password!),
            Roles = [.. user.Roles.Distinct()],
            AccountIds = [.. user.AccountIds.Distinct()],
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
            throw new UserRuleException(DomainError.Conflict, $"User '{id}' already exists.", "id");
        db.Users.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition) throw new UserRuleException(DomainError.Invalid, message, field);
    }
}
