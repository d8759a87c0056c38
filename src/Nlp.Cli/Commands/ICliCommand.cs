namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>One sub-command of cm-nlp; returns the process exit code (0 ok, 1 failure, 2 usage).</summary>
public interface ICliCommand
{
    string Name { get; }
    string Summary { get; }
    int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr);
}
