using CityMatrix.Nlp.Cli.Commands;

// Minimal dispatcher over the classification commands; the lead merges it with the segmenter's.
ICliCommand[] commands =
[
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

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Error.WriteLine("usage: cm-nlp <command> [options]   (input: UTF-8 lines on stdin)");
    foreach (var c in commands) Console.Error.WriteLine($"  {c.Name,-16} {c.Summary}");
    return args.Length == 0 ? 2 : 0;
}

var command = commands.FirstOrDefault(c => c.Name == args[0]);
if (command is null)
{
    Console.Error.WriteLine($"unknown command '{args[0]}' (try --help)");
    return 2;
}

Console.OutputEncoding = new System.Text.UTF8Encoding(false);
try
{
    return command.Run(args[1..], LineProcessor.Utf8Stdin(), Console.Out, Console.Error);
}
catch (CliUsageException e)
{
    Console.Error.WriteLine($"{command.Name}: {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine($"{command.Name}: {e.Message}");
    return 1;
}
