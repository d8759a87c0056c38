using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMatrix.Api.Cases;

public static class CaseEndpoints
{
    /// <summary>Case intake (受理) and every lifecycle action, one POST each; all behind sign-in and <see cref="CaseAccess"/>.</summary>
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("cases").RequireAuthorization();

        cases.MapPost("/", async (OpenCaseRequest r, ClaimsPrincipal user, CaseAccess access, CaseService service, SlaClocks clocks, TimeProvider time) =>
        {
            var actor = access.ActorFor(user, r.ActingAccountId);
            var opened = await service.OpenAsync(new OpenCase(
                actor, actor.AccountId!,
                Required(r.CitizenId, "citizenId"), Required(r.Text, "text"), Required(r.Category, "category"),
                r.Topic, r.RegionCode, r.Urgency ?? CaseUrgency.Normal));
            return TypedResults.Created($"/api/cases/{opened.Id}", CaseView.From(opened, sla: clocks.StatusAt(opened, time.GetUtcNow())));
        }).RequireAuthorization(Policies.Staff);

        cases.MapGet("/{id}", async Task<Results<Ok<CaseView>, NotFound>> (
            string id, ClaimsPrincipal user, CaseAccess access, CaseService service, PostStore posts, SlaClocks clocks, TimeProvider time) =>
        {
            if (await service.GetAsync(id) is not { } found) return TypedResults.NotFound();
            access.RequireRead(user, found);
            return TypedResults.Ok(CaseView.From(found, await posts.OfCaseAsync(id), clocks.StatusAt(found, time.GetUtcNow())));
        });

        var staff = cases.MapGroup("/").RequireAuthorization(Policies.Staff);
        MapAction<ForwardRequest>(staff, "forward", (r, a) => new ForwardCase(a, Required(r.ToAccountId, "toAccountId"), Required(r.Deadline, "deadline"), r.Reason));
        MapAction<NoteRequest>(staff, "accept", (_, a) => new AcceptCase(a));
        MapAction<NoteRequest>(staff, "start", (_, a) => new StartHandling(a));
        MapAction<ReplyRequest>(staff, "reply", (r, a) => new ReplyCase(a, Required(r.Text, "text")));
        MapAction<NoteRequest>(staff, "close", (r, a) => new CloseCase(a, r.Note));
        MapAction<ReturnRequest>(staff, "return", (r, a) => new ReturnCase(a, Required(r.Reason, "reason")));
        MapAction<ExtensionRequest>(staff, "extension-request", (r, a) => new RequestExtension(a, Required(r.Until, "until"), Required(r.Reason, "reason")));
        MapAction<ExtensionDecisionRequest>(staff, "extension-decision", (r, a) => new DecideExtension(a, Required(r.Approve, "approve"), r.Reason));
        MapAction<MergeRequest>(staff, "merge", (r, a) => new MergeCase(a, Required(r.IntoCaseId, "intoCaseId"), r.Reason));
        MapAction<RecategorizeRequest>(staff, "category", (r, a) => new RecategorizeCase(a, Required(r.Category, "category"), r.Topic, r.Reason));
        MapAction<SuperviseRequest>(staff, "supervise", (r, a) => new SuperviseCase(a, Required(r.Level, "level"), Required(r.Note, "note")));

        var citizen = cases.MapGroup("/").RequireAuthorization(Policies.Citizen);
        MapCitizenAction<RatingRequest>(citizen, "rate", (r, a) => new RateCase(a, Required(r.Solved, "solved"), Required(r.Satisfied, "satisfied"), r.Comment));
        MapCitizenAction<ReopenRequest>(citizen, "reopen", (r, a) => new ReopenCase(a, Required(r.Reason, "reason")));
        return app;
    }

    private static void MapAction<TRequest>(RouteGroupBuilder group, string action, Func<TRequest, CaseActor, CaseCommand> toCommand)
        where TRequest : IActingRequest =>
        group.MapPost($"/{{id}}/{action}", (string id, TRequest request, ClaimsPrincipal user, CaseAccess access, CaseService service, SlaClocks clocks, TimeProvider time) =>
            ExecuteAsync(id, user, access, service, () => toCommand(request, access.ActorFor(user, request.ActingAccountId)), clocks, time));

    private static void MapCitizenAction<TRequest>(RouteGroupBuilder group, string action, Func<TRequest, CaseActor, CaseCommand> toCommand) =>
        group.MapPost($"/{{id}}/{action}", (string id, TRequest request, ClaimsPrincipal user, CaseAccess access, CaseService service, SlaClocks clocks, TimeProvider time) =>
            ExecuteAsync(id, user, access, service, () => toCommand(request, CaseAccess.CitizenActor(user)), clocks, time));

    /// <summary>Outsiders learn nothing about the case's state: access is checked before the rules are.</summary>
    private static async Task<Ok<CaseView>> ExecuteAsync(
        string id, ClaimsPrincipal user, CaseAccess access, CaseService service, Func<CaseCommand> command, SlaClocks clocks, TimeProvider time)
    {
        var current = await service.GetAsync(id) ?? throw new CaseRuleException(DomainError.NotFound, $"No case {id}.", "caseId");
        access.RequireRead(user, current);
        var changed = await service.ExecuteAsync(id, command());
        return TypedResults.Ok(CaseView.From(changed, sla: clocks.StatusAt(changed, time.GetUtcNow())));
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(field) : value;

    private static T Required<T>(T? value, string field) where T : struct => value ?? throw Missing(field);

    private static CaseRuleException Missing(string field) => new(DomainError.Invalid, $"{field} is required.", field);
}
