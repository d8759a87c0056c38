using System.Text;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>
/// Reads stdin line by line (UTF-8; invalid bytes become U+FFFD instead of failing), writes one
/// answer line per input line. An empty line gets an answer too, so outputs stay aligned.
/// </summary>
public static class LineProcessor
{
    public static int Run(TextReader stdin, TextWriter stdout, TextWriter stderr, Func<string, string> answer)
    {
        string? line;
        int n = 0;
        while ((line = stdin.ReadLine()) is not null)
        {
            n++;
            try { stdout.WriteLine(answer(line)); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                stderr.WriteLine($"line {n}: {e.Message}");
                stdout.WriteLine("error");
            }
        }
        stdout.Flush();
        return 0;
    }

    /// <summary>Console stdin as UTF-8 that replaces invalid sequences rather than throwing.</summary>
    public static TextReader Utf8Stdin() =>
        new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, throwOnInvalidBytes: false), false, 1 << 16);
}
