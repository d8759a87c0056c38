namespace CityMatrix.Silo.Reports;

/// <summary>A report request that cannot be met as asked (400, naming the field).</summary>
public sealed class ReportRuleException(string message, string field) : DomainException(DomainError.Invalid, message, field);
