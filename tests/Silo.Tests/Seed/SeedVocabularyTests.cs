using System.Text.RegularExpressions;
using CityMatrix.Silo.Seed;

namespace CityMatrix.Silo.Tests.Seed;

public class SeedVocabularyTests
{
    // docs/TOPICS.md is the shared vocabulary; the seed's copy must not drift from it.
    private static string TopicsMarkdown()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "TOPICS.md");
            if (File.Exists(path))
                return File.ReadAllText(path);
        }
        throw new FileNotFoundException("docs/TOPICS.md not found above the test directory.");
    }

    [Fact]
    public void Topics_match_the_table_of_docs_topics()
    {
        var rows = Regex.Matches(TopicsMarkdown(), @"^\| (\S+) \| (\S+) \|$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Where(t => t != "topic").ToList();
        SeedVocabulary.Topics.ShouldBe(rows);
    }

    [Fact]
    public void Categories_match_the_list_of_docs_topics()
    {
        var line = TopicsMarkdown().Split('\n').First(l => l.StartsWith("城乡建设", StringComparison.Ordinal));
        SeedVocabulary.Categories.ShouldBe(line.Split(',').Select(c => c.Trim()).ToList());
    }
}
