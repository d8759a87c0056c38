namespace CityMatrix.Nlp.Classification;

/// <summary>One training or evaluation item; Weight scales its loss (class balancing, pseudo-labels).</summary>
public sealed record LabelledExample(string Text, string Label, float Weight = 1f);
