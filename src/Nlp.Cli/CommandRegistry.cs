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
    ];
}
