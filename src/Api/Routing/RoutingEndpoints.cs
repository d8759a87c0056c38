using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo.Routing;
using CityMatrix.Silo.Seed;
using CityMatrix.Silo.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMatrix.Api.Routing;

public static class RoutingEndpoints
{
    /// <summary>Routing rules and SLA templates: readable by staff, edited by the manager account (and admins).</summary>
    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/routing-rules").WithTags("routing").RequireAuthorization(Policies.Staff);
        rules.MapGet("/", (RoutingRules store) => TypedResults.Ok(store.Current));
        rules.MapPost("/", async (RoutingRuleRequest r, ClaimsPrincipal user, RoutingRules store) =>
        {
            var rule = await store.AddAsync(new RoutingRule
            {
                Id = r.Id ?? "", Category = r.Category, Topic = r.Topic, RegionCode = r.RegionCode, AccountId = r.AccountId,
                TerritorialLevel = r.TerritorialLevel, Note = r.Note,
            }, user.UserId());
            return TypedResults.Created($"/api/routing-rules/{rule.Id}", rule);
        }).RequireAuthorization(Policies.MatrixManager);
        rules.MapDelete("/{id}", async Task<Results<NoContent, NotFound>> (string id, RoutingRules store) =>
            await store.RemoveAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound()).RequireAuthorization(Policies.MatrixManager);

        app.MapGet("/api/routing/preview", (Router router, string? category, string? topic, string? region) =>
                TypedResults.Ok(router.Route(
                    category ?? throw new RoutingRuleException(Silo.DomainError.Invalid, "category is required.", "category"), topic, region)))
            .WithTags("routing").RequireAuthorization(Policies.Staff);

        var sla = app.MapGroup("/api/sla-templates").WithTags("routing").RequireAuthorization(Policies.Staff);
        sla.MapGet("/", (SlaTemplates templates) => TypedResults.Ok(templates.Current));
        sla.MapPut("/{id}", async (string id, SlaTemplateRequest r, SlaTemplates templates) => TypedResults.Ok(await templates.SaveAsync(new SlaTemplate
        {
            Id = id, Name = r.Name ?? "", Topic = r.Topic, Urgency = r.Urgency,
            ResolutionHours = r.ResolutionHours ?? 0, FirstResponseHours = r.FirstResponseHours ?? 0, WorkingDays = r.WorkingDays ?? false,
        }))).RequireAuthorization(Policies.MatrixManager);
        return app;
    }
}

public sealed record RoutingRuleRequest(string? Id, string? Category, string? Topic, string? RegionCode, string? AccountId, RegionLevel? TerritorialLevel, string? Note);

/// <param name="WorkingDays">Count the hours in working time (weekends and the configured public holidays do not count).</param>
public sealed record SlaTemplateRequest(string? Name, string? Topic, Silo.Cases.CaseUrgency? Urgency, double? ResolutionHours, double? FirstResponseHours, bool? WorkingDays = null);
