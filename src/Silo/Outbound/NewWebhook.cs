namespace CityMatrix.Silo.Outbound;

/// <summary>What an administrator asks for; <see cref="Secret"/> is generated when left out.</summary>
public sealed record NewWebhook(string? Url, string? Secret, IReadOnlyList<string>? Events);
