namespace CityMatrix.Nlp.Cli;

/// <summary>Bad command-line options; reported with the command's usage and exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
