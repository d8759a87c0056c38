namespace CityMatrix.Nlp.Cli;

/// <summary>cm-nlp's entry point on streams, so tests can run it without a process.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = args.Length == 0 ? null : CommandRegistry.Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            if (args.Length > 0 && args[0] is not ("-h" or "--help" or "help")) error.WriteLine($"cm-nlp: unknown command '{args[0]}'.");
            error.WriteLine("usage: cm-nlp <command> [options] < lines.txt");
            foreach (var c in CommandRegistry.Commands) error.WriteLine($"  {c.Name,-15} {c.Usage}");
            return 2;
        }
        try
        {
            return command.Run(args[1..], input, output, error);
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"cm-nlp {command.Name}: {e.Message}");
            error.WriteLine($"usage: cm-nlp {command.Name} {command.Usage}");
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // Missing or malformed data files (training/evaluation commands): a clear message, not a stack trace.
            error.WriteLine($"cm-nlp {command.Name}: {e.Message}");
            return 1;
        }
    }
}
