using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Users;

/// <summary>Creates the demo users (when enabled) and the bootstrap administrator (when configured), once.</summary>
public sealed class UserSeeder(UserDirectory users, IOptions<AuthOptions> options)
{
    private sealed record DemoUser(string Id, string DisplayName, string Password, List<string> Roles, List<string> AccountIds);

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        var created = 0;
        var auth = options.Value;
        if (!string.IsNullOrWhiteSpace(auth.BootstrapAdminPassword) && (await users.ListAsync(cancellationToken)).Count == 0)
        {
            await users.CreateAsync(new NewUser("admin", "管理员", auth.BootstrapAdminPassword, [UserRole.Admin], []), cancellationToken);
            created++;
        }
        if (!auth.DemoUsers) return created;
        foreach (var demo in LoadDemoUsers())
        {
            if (await users.FindAsync(demo.Id, cancellationToken) is not null) continue;
            try
            {
                await users.CreateAsync(new NewUser(demo.Id, demo.DisplayName, demo.Password, demo.Roles, demo.AccountIds), cancellationToken);
                created++;
            }
            catch (UserRuleException e) when (e.Error == DomainError.Conflict)
            {
                // Another process created it at the same moment.
            }
        }
        return created;
    }

    private static List<DemoUser> LoadDemoUsers()
    {
        using var stream = typeof(UserSeeder).Assembly.GetManifestResourceStream("CityMatrix.Users.demo-users.json")
            ?? throw new InvalidOperationException("demo-users.json is not embedded.");
        return JsonSerializer.Deserialize<List<DemoUser>>(stream, JsonSerializerOptions.Web) ?? [];
    }
}
