using System.Reflection;
using System.Text;

namespace CityMatrix.Nlp;

/// <summary>The data files embedded in this assembly (jieba's dictionaries, the gazetteer, our user dictionaries).</summary>
public static class NlpData
{
    public const string JiebaDict = "jieba/dict.txt";
    public const string JiebaHmm = "jieba/hmm_model.utf8";
    public const string JiebaIdf = "jieba/idf.txt";
    public const string JiebaStopWords = "jieba/stop_words.utf8";
    public const string GovernanceDict = "governance_user_dict.txt";
    public const string Areas = "regions/yinchuan_areas.csv";
    public const string Streets = "regions/yinchuan_streets.csv";
    public const string Communities = "regions/yinchuan_villages_communities.csv";
    public const string Roads = "regions/yinchuan_roads.txt";

    private const string Prefix = "CityMatrix.Nlp.Data/";

    public static Stream Open(string name) =>
        typeof(NlpData).Assembly.GetManifestResourceStream(Prefix + name)
        ?? throw new FileNotFoundException($"Embedded resource '{name}' is missing from {typeof(NlpData).Assembly.GetName().Name}.");

    public static StreamReader OpenText(string name) => new(Open(name), new UTF8Encoding(false), false, 1 << 16);
}
