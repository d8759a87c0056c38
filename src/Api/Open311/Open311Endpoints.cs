using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Users;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CityMatrix.Api.Open311;

/// <summary>
/// Open311 GeoReport v2 under /open311/v2, in .json and .xml: the service list and definitions, requests
/// (our cases) read publicly, and POST requests (with an api_key: a CityMatrix bearer token) which enter as
/// posts of platform "open311" through the same ingestion as every other post. Errors are the spec's array.
/// </summary>
public static partial class Open311Endpoints
{
    public const string Platform = "open311";
    public const int MaxDescriptionLength = 4000;
    public const int MaxIdsPerQuery = 100;

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/open311/v2").WithTags("open311").AllowAnonymous();

        v2.MapGet("/services.{format}", (string format) => !Open311Output.IsKnownFormat(format)
            ? UnknownFormat()
            : Open311Output.Write(format, "services", "service", Open311Catalog.All.Select(s => new Open311Item
            {
                { "service_code", s.Code }, { "service_name", s.Name }, { "description", s.Description }, { "metadata", false },
                { "type", "realtime" }, { "keywords", s.Keywords }, { "group", s.Group },
            })));

        v2.MapGet("/services/{code}.{format}", (string code, string format) =>
        {
            if (!Open311Output.IsKnownFormat(format)) return UnknownFormat();
            if (Open311Catalog.Find(code) is null) return Open311Output.Errors(format, 404, ("service_code", $"No service '{code}'."));
            // No service has extra attributes (metadata=false): the definition is empty but valid.
            var definition = new Open311Item { { "service_code", code } };
            return format == "xml"
                ? Open311Output.Write(format, "service_definitions", "service_definition", [definition])
                : Results.Text($"{{\"service_code\":{JsonSerializer.Serialize(code)},\"attributes\":[]}}", "application/json; charset=utf-8");
        });

        v2.MapGet("/requests.{format}", async (string format, HttpContext http, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var request = http.Request;
            var requests = RequestsOf(http);
            if (!Open311Output.IsKnownFormat(format)) return UnknownFormat();
            var (filter, errors) = FilterOf(request.Query, time.GetUtcNow());
            if (errors.Count > 0) return Open311Output.Errors(format, 400, [.. errors]);
            return Open311Output.Write(format, "service_requests", "request", await requests.QueryAsync(filter!, cancellationToken));
        });

        v2.MapGet("/requests/{id}.{format}", async (string id, string format, HttpContext http, CancellationToken cancellationToken) =>
        {
            var requests = RequestsOf(http);
            if (!Open311Output.IsKnownFormat(format)) return UnknownFormat();
            var found = await requests.QueryAsync(new Open311Requests.Filter([id], null, default, default, null), cancellationToken);
            return found.Count == 0
                ? Open311Output.Errors(format, 404, ("service_request_id", $"No service request '{id}'."))
                : Open311Output.Write(format, "service_requests", "request", found);
        });

        // Requests are created synchronously (type realtime), so a token is simply the request id.
        v2.MapGet("/tokens/{token}.{format}", async (string token, string format, HttpContext http, CancellationToken cancellationToken) =>
        {
            var requests = RequestsOf(http);
            if (!Open311Output.IsKnownFormat(format)) return UnknownFormat();
            var found = await requests.QueryAsync(new Open311Requests.Filter([token], null, default, default, null), cancellationToken);
            return found.Count == 0
                ? Open311Output.Errors(format, 404, ("token", $"No token '{token}'."))
                : Open311Output.Write(format, "service_requests", "request", [new Open311Item { { "service_request_id", token }, { "token", token } }]);
        });

        v2.MapPost("/requests.{format}", CreateAsync).WithMetadata(new RequestSizeLimitAttribute(64 * 1024)).DisableAntiforgery();
        return app;
    }

    /// <summary>A query object per request (it holds no state); no registration needed in Program.</summary>
    private static Open311Requests RequestsOf(HttpContext http) => ActivatorUtilities.CreateInstance<Open311Requests>(http.RequestServices);

    private static IResult UnknownFormat() => Open311Output.Errors("json", 404, ("format", "Use .json or .xml."));

    private static (Open311Requests.Filter? Filter, List<(string, string)> Errors) FilterOf(IQueryCollection query, DateTimeOffset now)
    {
        var errors = new List<(string, string)>();
        static IReadOnlyList<string>? ListOf(string? value) =>
            string.IsNullOrWhiteSpace(value) ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var ids = ListOf(query["service_request_id"]);
        if (ids is { Count: > MaxIdsPerQuery }) errors.Add(("service_request_id", $"At most {MaxIdsPerQuery} ids at once."));

        List<Open311Service>? services = null;
        if (ListOf(query["service_code"]) is { } codes)
        {
            services = [];
            foreach (var code in codes)
            {
                if (Open311Catalog.Find(code) is { } service) services.Add(service);
                else errors.Add(("service_code", $"No service '{code}' (see services.json)."));
            }
        }

        DateTimeOffset? Date(string field)
        {
            var text = (string?)query[field];
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (HasOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return at;
            errors.Add((field, "Use w3 format with a time zone, e.g. 2026-11-01T00:00:00+08:00."));
            return null;
        }
        var start = Date("start_date");
        var end = Date("end_date");
        var to = end ?? (start is { } s && s + Open311Requests.MaxSpan < now ? s + Open311Requests.MaxSpan : now);
        var from = start ?? to - Open311Requests.MaxSpan;
        if (from > to) errors.Add(("start_date", "start_date is after end_date."));
        else if (to - from > Open311Requests.MaxSpan) errors.Add(("end_date", "The range may span at most 90 days."));

        bool? open = null;
        if (ListOf(query["status"]) is { } statuses)
        {
            var bad = statuses.Where(x => x is not ("open" or "closed")).ToList();
            if (bad.Count > 0) errors.Add(("status", $"status is open or closed (comma separated), not '{string.Join(",", bad)}'."));
            else if (statuses.Distinct().Count() == 1) open = statuses[0] == "open";
        }
        return errors.Count > 0 ? (null, errors) : (new Open311Requests.Filter(ids, services, from, to, open), errors);
    }

    private static async Task<IResult> CreateAsync(
        string format, HttpContext http, PostIngestion ingestion, CaseService cases, Silo.Accounts.AccountDirectory accounts,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Open311Output.IsKnownFormat(format)) return UnknownFormat();
        var fields = await FieldsOfAsync(http.Request, cancellationToken);
        if (fields is null) return Open311Output.Errors(format, 400, ("", "Send the request as application/x-www-form-urlencoded (or a JSON object of strings)."));

        var user = UserOf(http, fields.GetValueOrDefault("api_key"), bearer, time);
        if (user is null || !(user.IsInRole(UserRole.Citizen) || user.IsInRole(UserRole.Connector) || user.IsInRole(UserRole.Admin)))
            return Open311Output.Errors(format, 403, ("api_key", "Missing or invalid api_key (a CityMatrix sign-in token of a citizen or connector)."));

        var errors = new List<(string, string)>();
        var code = fields.GetValueOrDefault("service_code");
        var service = string.IsNullOrWhiteSpace(code) ? null : Open311Catalog.Find(code);
        if (string.IsNullOrWhiteSpace(code)) errors.Add(("service_code", "service_code is required (see services.json)."));
        else if (service is null) return Open311Output.Errors(format, 404, ("service_code", $"No service '{code}' (see services.json)."));
        var description = fields.GetValueOrDefault("description")?.Trim();
        if (string.IsNullOrEmpty(description)) errors.Add(("description", "description is required: what is wrong, and where."));
        else if (description.Length > MaxDescriptionLength) errors.Add(("description", $"description is at most {MaxDescriptionLength} characters."));
        var address = fields.GetValueOrDefault("address_string")?.Trim();
        var addressId = fields.GetValueOrDefault("address_id")?.Trim();
        var latText = fields.GetValueOrDefault("lat");
        var lonText = fields.GetValueOrDefault("long");
        GeoPoint? location = null;
        if (!string.IsNullOrWhiteSpace(latText) || !string.IsNullOrWhiteSpace(lonText))
        {
            if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90)
                errors.Add(("lat", "lat is a WGS84 latitude from -90 to 90, sent together with long."));
            else if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
                errors.Add(("long", "long is a WGS84 longitude from -180 to 180, sent together with lat."));
            else location = new GeoPoint(lat, lon);
        }
        else if (string.IsNullOrWhiteSpace(address) && string.IsNullOrWhiteSpace(addressId))
        {
            errors.Add(("address_string", "A location is required: lat and long, or address_string, or address_id."));
        }
        if (errors.Count > 0) return Open311Output.Errors(format, 400, [.. errors]);

        var post = PostOf(http, user, fields, service!, description!, address, location, time.GetUtcNow());
        PostReceipt receipt;
        try
        {
            receipt = await ingestion.IngestAsync(post, cancellationToken);
        }
        catch (PostRejectedException e)
        {
            return Open311Output.Errors(format, 400, [.. e.Faults.Select(f => (FieldOf(f.Field), f.Message))]);
        }
        if (receipt.CaseId is null)
            return Open311Output.Errors(format, 400, ("description", "This does not read as a request or complaint, so no case was opened; describe the problem."));
        if (receipt.Outcome == PostOutcome.CaseOpened && (receipt.Category != service!.Category || receipt.Topic != service.Topic))
            await RecategorizeAsync(cases, accounts, receipt.CaseId, service);

        var state = await cases.GetAsync(receipt.CaseId);
        var notice = state is null ? null : Open311Requests.NoticeOf(state, accounts.Find(state.AccountId)?.DisplayName);
        http.Response.Headers.Location = $"/open311/v2/requests/{receipt.CaseId}.{format}";
        return Open311Output.Write(format, "service_requests", "request",
            [new Open311Item { { "service_request_id", receipt.CaseId }, { "service_notice", notice }, { "account_id", post.Author!.Id } }],
            StatusCodes.Status201Created);
    }

    /// <summary>The citizen chose the service: it wins over the classifier's guess (and the case is routed again).</summary>
    private static async Task RecategorizeAsync(CaseService cases, Silo.Accounts.AccountDirectory accounts, string caseId, Open311Service service)
    {
        try
        {
            await cases.ExecuteAsync(caseId, new RecategorizeCase(CaseActor.System(accounts.Manager?.Id), service.Category, service.Topic, "Open311 service_code"));
        }
        catch (CaseRuleException)
        {
            // Already moved on (or already in that category): the case keeps what it has.
        }
    }

    private static IncomingPost PostOf(HttpContext http, ClaimsPrincipal user, IReadOnlyDictionary<string, string> fields, Open311Service service,
        string description, string? address, GeoPoint? location, DateTimeOffset now)
    {
        var postId = http.Request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 and <= 100 } key ? key : Guid.NewGuid().ToString("N");
        var name = string.Join(" ", new[] { fields.GetValueOrDefault("first_name"), fields.GetValueOrDefault("last_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        // A citizen posts as himself; a connector on behalf of the person it names (account_id, else the device).
        var citizen = user.IsInRole(UserRole.Citizen) && !user.IsInRole(UserRole.Connector) && !user.IsInRole(UserRole.Admin);
        var authorId = citizen
            ? user.FindFirstValue(ClaimTypes.NameIdentifier)!
            : fields.GetValueOrDefault("account_id") is { Length: > 0 } account ? account
            : fields.GetValueOrDefault("device_id") is { Length: > 0 } device ? "device-" + device
            : "anonymous-" + postId;
        var text = $"#{service.Name}# {description}" + (string.IsNullOrWhiteSpace(address) ? "" : $" 地点：{address}");
        return new IncomingPost(Platform, postId, new PostAuthor(authorId, citizen ? user.Identity?.Name : name.Length > 0 ? name : null),
            text, now, location, null, null);
    }

    private static string FieldOf(string postField) => postField switch
    {
        "text" => "description",
        "location.lat" => "lat",
        "location.lon" => "long",
        "author.id" => "account_id",
        "author.name" => "first_name",
        "postId" => "Idempotency-Key",
        _ => postField,
    };

    /// <summary>The signed-in user: from the Authorization header (already authenticated), else the api_key field.</summary>
    private static ClaimsPrincipal? UserOf(HttpContext http, string? apiKey, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        if (http.User.Identity?.IsAuthenticated == true) return http.User;
        if (string.IsNullOrWhiteSpace(apiKey)) return null;
        var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Unprotect(apiKey);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= time.GetUtcNow()) return null;
        return ticket.Principal;
    }

    private static async Task<IReadOnlyDictionary<string, string>?> FieldsOfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(f => f.Key, f => f.Value.ToString());
        }
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var body = await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(request.Body, cancellationToken: cancellationToken);
                return body?.ToDictionary(f => f.Key, f => f.Value.ValueKind == JsonValueKind.String ? f.Value.GetString()! : f.Value.GetRawText());
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return null;
    }
}
