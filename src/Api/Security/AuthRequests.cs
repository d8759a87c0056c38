namespace CityMatrix.Api.Security;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record CreateUserRequest(string? Id, string? DisplayName, string? Password, List<string>? Roles, List<string>? AccountIds);

public sealed record UserView(string Id, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> AccountIds, bool Active);
