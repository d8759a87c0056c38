using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Users;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace CityMatrix.Api.Security;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Bearer-token sign-in (ASP.NET Core's own scheme), role policies, keys kept in the database.</summary>
    public static IServiceCollection AddCityMatrixAuth(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CityMatrix");
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseXmlRepository>((keys, repository) => keys.XmlRepository = repository);
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken(options =>
        {
            // Browsers cannot set headers on WebSockets: SignalR sends the token as ?access_token=.
            options.Events.OnMessageReceived = context =>
            {
                var token = context.Request.Query["access_token"];
                if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs")) context.Token = token;
                return Task.CompletedTask;
            };
        });
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, auth) => bearer.BearerTokenExpiration = auth.Value.TokenLifetime);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(UserRole.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(UserRole.Officer, UserRole.Supervisor))
            .AddPolicy(Policies.Citizen, p => p.RequireRole(UserRole.Citizen))
            .AddPolicy(Policies.Broadcaster, p => p.RequireRole(UserRole.Broadcaster))
            .AddPolicy(Policies.Dashboard, p => p.RequireRole(UserRole.Admin, UserRole.Supervisor, UserRole.Officer))
            .AddPolicy(Policies.MatrixManager, p => p.RequireAssertion(context =>
            {
                if (context.User.IsInRole(UserRole.Admin)) return true;
                var accounts = (context.Resource as HttpContext)?.RequestServices.GetRequiredService<AccountDirectory>();
                return context.User.IsInRole(UserRole.Supervisor) && accounts?.Manager is { } manager && context.User.WorksFor(manager.Id);
            }))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(UserRole.Admin, UserRole.Supervisor))
            .AddPolicy(Policies.Oversight, p => p.RequireAssertion(context =>
            {
                if (context.User.IsInRole(UserRole.Admin)) return true;
                var accounts = (context.Resource as HttpContext)?.RequestServices.GetRequiredService<AccountDirectory>();
                return context.User.IsInRole(UserRole.Supervisor) && accounts is not null && context.User.AccountIds()
                    .Any(id => accounts.Find(id) is { Active: true, Kind: AccountKind.SuperSupervisor or AccountKind.Manager });
            }));
        services.AddSingleton<CaseAccess>();
        return services;
    }
}
