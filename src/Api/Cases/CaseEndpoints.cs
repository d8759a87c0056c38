using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMatrix.Api.Cases;

public static class CaseEndpoints
{
    /// <summary>Case intake (受理) and every lifecycle action, one POST each.</summary>
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("cases");

        cases.MapPost("/", async (OpenCaseRequest r, CaseService service, AccountDirectory accounts) =>
        {
            var receiving = r.ReceivingAccountId ?? accounts.Manager?.Id
                ?? throw new CaseRuleException(DomainError.Invalid, "No manager account to receive the case.", "receivingAccountId");
            var opened = await service.OpenAsync(new OpenCase(
                ActorOf(r, required: false), receiving,
                Required(r.CitizenId, "citizenId"), Required(r.Text, "text"), Required(r.Category, "category"),
                r.Topic, r.RegionCode, r.Urgency ?? CaseUrgency.Normal));
            return TypedResults.Created($"/api/cases/{opened.Id}", CaseView.From(opened));
        });

        cases.MapGet("/{id}", async Task<Results<Ok<CaseView>, NotFound>> (string id, CaseService service) =>
            await service.GetAsync(id) is { } found ? TypedResults.Ok(CaseView.From(found)) : TypedResults.NotFound());

        MapAction<ForwardRequest>(cases, "forward", r => new ForwardCase(ActorOf(r), Required(r.ToAccountId, "toAccountId"), Required(r.Deadline, "deadline"), r.Reason));
        MapAction<NoteRequest>(cases, "accept", r => new AcceptCase(ActorOf(r)));
        MapAction<NoteRequest>(cases, "start", r => new StartHandling(ActorOf(r)));
        MapAction<ReplyRequest>(cases, "reply", r => new ReplyCase(ActorOf(r), Required(r.Text, "text")));
        MapAction<NoteRequest>(cases, "close", r => new CloseCase(ActorOf(r), r.Note));
        MapAction<ReturnRequest>(cases, "return", r => new ReturnCase(ActorOf(r), Required(r.Reason, "reason")));
        MapAction<ExtensionRequest>(cases, "extension-request", r => new RequestExtension(ActorOf(r), Required(r.Until, "until"), Required(r.Reason, "reason")));
        MapAction<ExtensionDecisionRequest>(cases, "extension-decision", r => new DecideExtension(ActorOf(r), Required(r.Approve, "approve"), r.Reason));
        MapAction<MergeRequest>(cases, "merge", r => new MergeCase(ActorOf(r), Required(r.IntoCaseId, "intoCaseId"), r.Reason));
        MapAction<SuperviseRequest>(cases, "supervise", r => new SuperviseCase(ActorOf(r), Required(r.Level, "level"), Required(r.Note, "note")));
        MapAction<RatingRequest>(cases, "rate", r => new RateCase(CaseActor.Citizen(Required(r.CitizenId, "citizenId")), Required(r.Solved, "solved"), Required(r.Satisfied, "satisfied"), r.Comment));
        MapAction<ReopenRequest>(cases, "reopen", r => new ReopenCase(CaseActor.Citizen(Required(r.CitizenId, "citizenId")), Required(r.Reason, "reason")));
        return app;
    }

    private static void MapAction<TRequest>(RouteGroupBuilder cases, string action, Func<TRequest, CaseCommand> toCommand) =>
        cases.MapPost($"/{{id}}/{action}", async (string id, TRequest request, CaseService service) =>
            TypedResults.Ok(CaseView.From(await service.ExecuteAsync(id, toCommand(request)))));

    private static CaseActor ActorOf(IActingRequest request, bool required = true)
    {
        if (required) Required(request.ActingAccountId, "actingAccountId");
        var user = request.UserId ?? request.ActingAccountId ?? CaseActor.SystemUser;
        return new CaseActor(request.ActingAccountId, user);
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(field) : value;

    private static T Required<T>(T? value, string field) where T : struct => value ?? throw Missing(field);

    private static CaseRuleException Missing(string field) => new(DomainError.Invalid, $"{field} is required.", field);
}
