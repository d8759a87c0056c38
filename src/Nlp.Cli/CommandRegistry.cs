using CityMatrix.Nlp.Cli.Commands;

namespace CityMatrix.Nlp.Cli;

/// <summary>Every cm-nlp command; add a new command by adding one line here.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICliCommand> Commands { get; } =
    [
        new SegmentCommand(),
        new PlacesCommand(),
        new KeywordsCommand(),
        new SentimentCommand(),
        new ComplaintCommand(),
        new ClassifyCommand(),
        new TrainSentimentCommand(),
        new TrainComplaintCommand(),
        new TrainCategoryCommand(),
        new EvalSentimentCommand(),
        new EvalComplaintCommand(),
        new EvalCategoryCommand(),
    ];
}
