using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Tests.Sentiment;

public class SentimentDatasetsTests
{
    [Fact]
    public void Weibo_lines_keep_commas_inside_the_text_and_skip_bad_lines()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["1,1,好，真好,太好了", "2,0,差", "broken line", "3,x,未知"]);
            var rows = SentimentDatasets.ReadWeibo2018(path);
            rows.Count.ShouldBe(2);
            rows[0].Text.ShouldBe("好，真好,太好了");
            rows[0].Label.ShouldBe("pos");
            rows[1].Label.ShouldBe("neg");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Every_fifth_line_is_held_out()
    {
        var all = Enumerable.Range(0, 10).Select(i => new CityMatrix.Nlp.Classification.LabelledExample(i.ToString(), "pos")).ToList();
        var (train, held) = SentimentTraining.SplitWeibo(all, "every5");
        held.Select(e => e.Text).ShouldBe(["4", "9"]);
        train.Count.ShouldBe(8);
    }

    [Fact]
    public void Ewect_emotions_map_to_polarity_where_clear()
    {
        var mapped = SentimentDatasets.EmotionAsPolarity(
            [new("a", "happy"), new("b", "angry"), new("c", "neutral"), new("d", "surprise"), new("e", "fear")], 0.5f).ToList();
        mapped.Select(e => e.Label).ShouldBe(["pos", "neg", "neg"]);
        mapped.ShouldAllBe(e => e.Weight == 0.5f);
    }
}
