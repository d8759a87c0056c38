namespace CityMatrix.Silo.Posts;

/// <summary>One thing wrong with a post, naming the field (JSON path) at fault.</summary>
public sealed record PostFault(string Field, string Message);
