namespace CityMatrix.Nlp.Categories;

/// <summary>First-level category (docs/TOPICS.md name), the finer topic when a keyword makes it reliable, and P(category).</summary>
public readonly record struct CategoryResult(string Category, string? Topic, float Score);
