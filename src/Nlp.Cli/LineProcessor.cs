namespace CityMatrix.Nlp.Cli;

/// <summary>
/// Runs a per-line function over the input: one output line per input line, flushed per line so a caller
/// piping lines in can wait for each answer. A line that fails gets an empty output line and an error
/// naming it on stderr; the run goes on and ends with exit code 1.
/// </summary>
public static class LineProcessor
{
    public static int Run(TextReader input, TextWriter output, TextWriter error, string commandName, Func<string, string> process)
    {
        var failed = 0;
        var lineNo = 0;
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            lineNo++;
            string result;
            try
            {
                result = line.Length == 0 ? "" : process(line);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error.WriteLine($"cm-nlp {commandName}: line {lineNo}: {e.Message}");
                failed++;
                result = "";
            }
            output.WriteLine(result);
            output.Flush();
        }
        return failed == 0 ? 0 : 1;
    }
}
