namespace CityMatrix.Silo.Users;

public sealed record NewUser(string? Id, string? DisplayName, string? Password, IReadOnlyList<string> Roles, IReadOnlyList<string> AccountIds);
