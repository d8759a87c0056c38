namespace CityMatrix.Nlp.Cli;

/// <summary>One cm-nlp sub-command. Implementations live one per file under Commands/ and are listed in <see cref="CommandRegistry"/>.</summary>
public interface ICliCommand
{
    /// <summary>The word after cm-nlp that selects this command.</summary>
    string Name { get; }

    /// <summary>One line: options and what the command writes.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code (0 ok, 1 some input failed, 2 usage error).</summary>
    int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error);
}
