using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>
/// segment: jieba precise-mode tokens separated by one space. Whitespace tokens are separators and are
/// not written. --jieba-only uses jieba's dictionary without the governance words (for comparing with jieba);
/// --social keeps URLs, @names, #topics#, [表情] and emoji sequences whole (not jieba-compatible).
/// </summary>
public sealed class SegmentCommand : ICliCommand
{
    public string Name => "segment";

    public string Usage => "[--no-hmm] [--jieba-only] [--social] [--user-dict FILE]   tokens separated by one space";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var options = CliOptions.Parse(args, ["--no-hmm", "--jieba-only", "--social"], ["--user-dict"]);
        var hmm = !options.Has("--no-hmm");
        var userDict = options.Value("--user-dict");
        var segmenter = options.Has("--jieba-only") ? JiebaSegmenter.CreateJiebaOnly()
            : userDict is null ? JiebaSegmenter.Default
            : JiebaSegmenter.CreateDefault();
        if (userDict is not null)
        {
            if (!File.Exists(userDict)) throw new CliUsageException($"user dictionary '{userDict}' does not exist.");
            using var reader = new StreamReader(userDict);
            try
            {
                segmenter.LoadUserDictionary(reader);
            }
            catch (FormatException e)
            {
                throw new CliUsageException($"{userDict}: {e.Message}");
            }
        }
        var social = options.Has("--social");
        return LineProcessor.Run(input, output, error, Name, line =>
            string.Join(' ', (social ? segmenter.CutSocial(line, hmm) : segmenter.Cut(line, hmm)).Where(t => !string.IsNullOrWhiteSpace(t))));
    }
}
