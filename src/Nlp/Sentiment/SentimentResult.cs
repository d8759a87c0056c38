namespace CityMatrix.Nlp.Sentiment;

public enum Polarity { Negative, Positive }

/// <summary>Score = P(positive) in 0..1; Anger = P(angry) from the six-class emotion model, 0..1.</summary>
public readonly record struct SentimentResult(Polarity Polarity, float Score, float Anger);
