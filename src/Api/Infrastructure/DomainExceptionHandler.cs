using System.Text.Json;
using CityMatrix.Silo;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Posts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CityMatrix.Api.Infrastructure;

/// <summary>
/// Turns refusals into ProblemDetails naming the field at fault: domain refusals by their kind, bodies
/// that are not valid JSON (or have a wrong type) as 400, lost write races as 409, posts refused because ingestion
/// stopped as 503. Anything else is a bug and stays a 500.
/// </summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is DomainException domain)
        {
            return await WriteAsync(http, exception, StatusOf(domain.Error), TitleOf(domain.Error), domain.Message, domain.Errors);
        }
        var (status, title, field, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this endpoint.", FieldOf(json), json.Message),
            BadHttpRequestException e => (e.StatusCode, "The request could not be read.", null, e.Message),
            InconsistentStateException e => (409, "Someone else changed this at the same moment; reload and try again.", null, e.Message),
            PostIngestionStoppedException e => (503, "Ingestion is stopped; nothing was stored. Send it again later.", null, e.Message),
            _ => (0, "", null, ""),
        };
        if (status == 0) return false;

        var errors = field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [field] = [detail] };
        return await WriteAsync(http, exception, status, title, detail, errors);
    }

    private async ValueTask<bool> WriteAsync(HttpContext http, Exception exception, int status, string title, string detail, IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors.Count > 0) problem.Extensions["errors"] = errors;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static int StatusOf(DomainError error) => error switch
    {
        DomainError.Invalid => StatusCodes.Status400BadRequest,
        DomainError.Forbidden => StatusCodes.Status403Forbidden,
        DomainError.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    private static string TitleOf(DomainError error) => error switch
    {
        DomainError.Invalid => "The request has an invalid value.",
        DomainError.Forbidden => "You may not do this.",
        DomainError.NotFound => "Not found.",
        _ => "Not allowed in the current state.",
    };

    /// <summary>"$.deadline" → "deadline".</summary>
    private static string? FieldOf(JsonException json) =>
        string.IsNullOrEmpty(json.Path) || json.Path == "$" ? null : json.Path.TrimStart('$', '.');
}
