using CityMatrix.Silo.Alerts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CityMatrix.Api.Alerts;

/// <summary>An invalid alert → 400 ProblemDetails whose errors map names every fault (field path → messages).</summary>
internal sealed class AlertFaultsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AlertFaultsException faults) return false;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The alert is not valid CAP 1.2.",
            Detail = $"{faults.Faults.Count} fault(s); see errors.",
        };
        problem.Extensions["errors"] = faults.Faults.ToDictionary();
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
