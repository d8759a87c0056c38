namespace CityMatrix.Silo.Sla;

public sealed record SlaDeadlines(string TemplateId, DateTimeOffset FirstResponseDue, DateTimeOffset ResolutionDue);
