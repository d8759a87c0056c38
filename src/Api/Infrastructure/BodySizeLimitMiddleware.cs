using Microsoft.AspNetCore.Http.Metadata;

namespace CityMatrix.Api.Infrastructure;

/// <summary>
/// Refuses a body larger than the endpoint's declared limit with 413 before anything reads it. Kestrel
/// enforces the same limit while streaming (for bodies without Content-Length); this makes the answer a
/// ProblemDetails and holds under any server, the test host included.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is { } max && http.Request.ContentLength > max)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = 413, Title = "The request body is too large.", Detail = $"At most {max} bytes are accepted here." },
            });
            return;
        }
        await next(http);
    }
}
