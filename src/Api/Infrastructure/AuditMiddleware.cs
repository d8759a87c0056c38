using System.Security.Claims;
using CityMatrix.Silo.Audit;

namespace CityMatrix.Api.Infrastructure;

/// <summary>
/// Records every mutating request (who, when, what, from where, with what outcome), refused ones too.
/// Post ingestion is left out: the posts table is its own record, and it runs at thousands a second.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog audit, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || http.Request.Path.StartsWithSegments("/api/posts") || http.Request.Path.StartsWithSegments("/hubs"))
        {
            await next(http);
            return;
        }
        var at = time.GetUtcNow();
        try
        {
            await next(http);
        }
        finally
        {
            var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier)
                ?? (http.Request.Path.StartsWithSegments("/api/auth/login") ? "(sign-in)" : "(anonymous)");
            var entry = new AuditEntry
            {
                At = at,
                UserId = user,
                Method = http.Request.Method,
                Path = Truncate(http.Request.Path + http.Request.QueryString, 512),
                Status = http.Response.StatusCode,
                RemoteIp = http.Connection.RemoteIpAddress?.ToString(),
                UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 256),
            };
            try
            {
                await audit.AppendAsync(entry, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Audit entry lost: {Method} {Path} by {User}", entry.Method, entry.Path, entry.UserId);
            }
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
