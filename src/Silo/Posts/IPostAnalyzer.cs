namespace CityMatrix.Silo.Posts;

/// <summary>Turns a post's text (and location) into a <see cref="PostAnalysis"/>. Thread-safe.</summary>
public interface IPostAnalyzer
{
    PostAnalysis Analyze(string text, GeoPoint? location);
}
