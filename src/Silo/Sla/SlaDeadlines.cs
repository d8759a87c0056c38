namespace CityMatrix.Silo.Sla;

/// <summary>
/// The deadlines of a case from its SLA template (named, so the timeline can say which limit applies);
/// <see cref="WorkingTime"/> when they were counted in working time.
/// </summary>
public sealed record SlaDeadlines(string TemplateId, string TemplateName, DateTimeOffset FirstResponseDue, DateTimeOffset ResolutionDue, bool WorkingTime = false);
