using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Alerts;
using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMatrix.Api.Alerts;

public static class AlertEndpoints
{
    private const int MaxBodyBytes = 1 << 20;
    private static readonly JsonSerializerOptions CapJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// POST /api/alerts (CAP XML or JSON) → 201 with the identifier; GET /api/alerts (in force),
    /// GET /api/alerts/{identifier} (CAP XML or JSON by Accept), receipts, audit, follows and feed; the hub.
    /// </summary>
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("alerts");

        alerts.MapPost("/", async (HttpContext http, string? account, AlertService service) =>
        {
            var (alert, readFaults) = await ReadAlertAsync(http.Request);
            var record = await service.SubmitAsync(new AlertSubmission(alert, http.User, account, http.Connection.RemoteIpAddress?.ToString(), readFaults), http.RequestAborted);
            return TypedResults.Created($"/api/alerts/{Uri.EscapeDataString(record.Identifier)}",
                new { identifier = record.Identifier, accountId = record.AccountId, receivedAt = record.ReceivedAt, expires = record.Expires });
        }).RequireAuthorization().Accepts<CapAlert>("application/json", CapVocabulary.MediaType, "application/xml");

        alerts.MapGet("/", async (AlertStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok((await store.InForceAsync(cancellationToken)).Where(a => a.Scope == "Public" && a.Status == "Actual").Select(ToCap).ToList()));

        alerts.MapGet("/{identifier}", async Task<IResult> (string identifier, HttpContext http, AlertStore store) =>
        {
            var record = await store.FindAsync(identifier, http.RequestAborted);
            if (record is null) return TypedResults.NotFound();
            if (record.Scope != "Public" && http.User.Identity?.IsAuthenticated != true) return TypedResults.Unauthorized();
            return WantsXml(http.Request)
                ? TypedResults.Text(record.Xml, CapVocabulary.MediaType + "; charset=utf-8", Encoding.UTF8)
                : TypedResults.Ok(ToCap(record));
        });

        alerts.MapGet("/{identifier}/receipts", async Task<IResult> (string identifier, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken) =>
        {
            var record = await store.FindAsync(identifier, cancellationToken);
            if (record is null) return TypedResults.NotFound();
            if (!user.WorksFor(record.AccountId) && !user.IsInRole(Policies.Admin))
                throw new AlertRuleException(DomainError.Forbidden, $"Only users of {record.AccountId} see its receipts.", "identifier");
            return TypedResults.Ok(await store.ReceiptSummaryAsync(identifier, cancellationToken));
        }).RequireAuthorization();

        alerts.MapGet("/audit", async (string? identifier, int? limit, AlertStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok(await store.AuditTrailAsync(identifier, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken)))
            .RequireAuthorization(Policies.Admin);

        alerts.MapGet("/feed", async (string? userId, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken) =>
        {
            var whose = userId ?? user.UserId();
            if (whose != user.UserId() && !user.IsInRole(Policies.Admin))
                throw new AlertRuleException(DomainError.Forbidden, "You may read only your own feed.", "userId");
            return TypedResults.Ok((await store.FeedAsync(whose, 50, cancellationToken)).Select(ToCap).ToList());
        }).RequireAuthorization();

        alerts.MapPost("/follows", async (FollowRequest request, ClaimsPrincipal user, AlertStore store, Silo.Accounts.AccountDirectory accounts, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.AccountId)) throw new AlertRuleException(DomainError.Invalid, "accountId is required.", "accountId");
            if (accounts.Find(request.AccountId) is null) throw new AlertRuleException(DomainError.NotFound, $"Account {request.AccountId} does not exist.", "accountId");
            await store.FollowAsync(user.UserId(), request.AccountId, cancellationToken);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        alerts.MapDelete("/follows/{accountId}", async (string accountId, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken) =>
        {
            await store.UnfollowAsync(user.UserId(), accountId, cancellationToken);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        app.MapHub<AlertHub>(AlertHub.Path);
        return app;
    }

    private static async Task<(CapAlert Alert, CapFaults Faults)> ReadAlertAsync(HttpRequest request)
    {
        var faults = new CapFaults();
        if (request.ContentLength > MaxBodyBytes) throw Fault("alert", $"The alert is larger than {MaxBodyBytes} bytes.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(body)) throw Fault("alert", "The body is empty: send a CAP 1.2 alert as XML (application/cap+xml) or JSON.");
        var isXml = request.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true
            || (request.ContentType is null && body.TrimStart().StartsWith('<'));
        if (isXml)
        {
            var alert = CapXmlReader.Read(body, faults);
            return alert is null ? throw new AlertFaultsException(faults) : (alert, faults);
        }
        try
        {
            var alert = JsonSerializer.Deserialize<CapAlert>(body, CapJson) ?? throw Fault("alert", "The body is JSON null.");
            return (alert, faults);
        }
        catch (JsonException e)
        {
            throw Fault(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "alert" : e.Path.TrimStart('$', '.'), $"Not a CAP alert in JSON: {e.Message}");
        }
    }

    private static AlertFaultsException Fault(string path, string message)
    {
        var faults = new CapFaults();
        faults.Add(path, message);
        return new AlertFaultsException(faults);
    }

    private static bool WantsXml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && (a.Contains("cap+xml", StringComparison.OrdinalIgnoreCase) || a.Contains("application/xml", StringComparison.OrdinalIgnoreCase) || a.Contains("text/xml", StringComparison.OrdinalIgnoreCase)));

    private static CapAlert ToCap(AlertRecord record) => CapXmlReader.Read(record.Xml, new CapFaults())!;
}

public sealed record FollowRequest(string? AccountId);
