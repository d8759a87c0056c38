using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Tests.Sentiment;

/// <summary>The shipped models on short posts written for this test (never in any training set).</summary>
public class SentimentAnalyzerTests
{
    private static readonly (string Text, Polarity Expected)[] HeldOut =
    [
        ("今天阳光明媚，和家人去公园散步，太幸福了", Polarity.Positive),
        ("这家羊肉馆味道真不错，下次还来", Polarity.Positive),
        ("终于考完试了，成绩还不错，开心[哈哈]", Polarity.Positive),
        ("感谢社区工作人员，帮了我们大忙，点赞", Polarity.Positive),
        ("新房子装修好了，特别满意", Polarity.Positive),
        ("银川的秋天真美，蓝天白云", Polarity.Positive),
        ("孩子的老师很负责，谢谢老师", Polarity.Positive),
        ("酒店服务周到，房间干净，推荐", Polarity.Positive),
        ("暖气一点都不热，冻死了，太气人了", Polarity.Negative),
        ("等了两个小时还没修好，简直无语", Polarity.Negative),
        ("服务态度恶劣，再也不来了", Polarity.Negative),
        ("又停水了，什么都干不了，烦死了", Polarity.Negative),
        ("手机刚买三天就坏了，质量太差", Polarity.Negative),
        ("路上全是坑，车胎都扎破了，倒霉", Polarity.Negative),
        ("工资拖了三个月还不发，太欺负人了", Polarity.Negative),
        ("房间又脏又吵，非常失望", Polarity.Negative),
    ];

    [Fact]
    public void Shipped_model_gets_most_held_out_posts_right()
    {
        int correct = HeldOut.Count(h => SentimentAnalyzer.Default.Analyze(h.Text).Polarity == h.Expected);
        correct.ShouldBeGreaterThanOrEqualTo(14);
    }

    [Fact]
    public void Angry_posts_score_higher_anger_than_happy_posts()
    {
        string[] angry = ["气死我了！！说了多少次都没人管，什么破服务", "凭什么插队？还有没有规矩了，气炸了", "太过分了，骗子公司，还我血汗钱"];
        string[] happy = ["今天好开心，和朋友吃了大餐", "终于放假啦，出去旅游咯", "宝宝会走路了，太可爱了"];
        angry.Average(t => SentimentAnalyzer.Default.Analyze(t).Anger)
            .ShouldBeGreaterThan(happy.Average(t => SentimentAnalyzer.Default.Analyze(t).Anger) + 0.2f);
    }

    [Fact]
    public void Scores_stay_in_zero_to_one()
    {
        var r = SentimentAnalyzer.Default.Analyze("还行吧");
        r.Score.ShouldBeInRange(0f, 1f);
        r.Anger.ShouldBeInRange(0f, 1f);
        SentimentAnalyzer.Default.Emotions("还行吧").Values.Sum().ShouldBe(1f, 1e-3f);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("\uD800\uDC00\uD800")]
    [InlineData("😀😀😀")]
    public void Odd_input_gets_an_answer(string? text)
    {
        SentimentAnalyzer.Default.Analyze(text).Score.ShouldBeInRange(0f, 1f);
    }

    [Fact]
    public void Hundred_kilobyte_input_gets_an_answer()
    {
        SentimentAnalyzer.Default.Analyze(new string('好', 100_000)).Polarity.ShouldBe(Polarity.Positive);
    }

    [Fact]
    public void Concurrent_calls_agree_with_sequential_ones()
    {
        var expected = HeldOut.Select(h => SentimentAnalyzer.Default.Analyze(h.Text).Score).ToArray();
        var actual = new float[HeldOut.Length * 8];
        Parallel.For(0, actual.Length, i => actual[i] = SentimentAnalyzer.Default.Analyze(HeldOut[i % HeldOut.Length].Text).Score);
        for (int i = 0; i < actual.Length; i++) actual[i].ShouldBe(expected[i % HeldOut.Length]);
    }
}
