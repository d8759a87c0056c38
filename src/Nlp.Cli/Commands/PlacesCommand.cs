using CityMatrix.Nlp.Places;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>places: the region codes named in each line (most specific, in text order), or an empty line.</summary>
public sealed class PlacesCommand : ICliCommand
{
    public string Name => "places";

    public string Usage => "[--names]   region codes separated by spaces (--names: code:name, roads as :road)";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var options = CliOptions.Parse(args, ["--names"], []);
        var names = options.Has("--names");
        var places = PlaceExtractor.Yinchuan;
        return LineProcessor.Run(input, output, error, Name, line =>
        {
            var matches = places.Find(line);
            return names
                ? string.Join(' ', matches.Select(m => $"{m.Code}:{m.Name}"))
                : string.Join(' ', matches.Where(m => m.Code.Length > 0).Select(m => m.Code));
        });
    }
}
