using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

/// <summary>A few dozen hand-written polarity lines (label TAB text) for training tests; no research data.</summary>
public static class TrainingFixture
{
    public const string PolarityLines = """
        pos	今天天气真好，心情特别好
        pos	这家店的菜太好吃了，推荐大家来
        pos	服务很周到，非常满意
        pos	孩子考了第一名，太开心了
        pos	风景美极了，下次还来
        pos	质量很好，物超所值
        pos	感谢大家的帮助，真的很温暖
        pos	周末和朋友聚会，好开心
        pos	这本书写得真好，值得一读
        pos	房间干净整洁，早餐丰富
        pos	老师讲得很清楚，收获很大
        pos	电影太精彩了，强烈推荐
        pos	新买的手机很好用，满意
        pos	空气清新，阳光明媚，好舒服
        pos	工作人员态度很好，办事效率高
        neg	服务态度太差了，再也不来了
        neg	等了一个小时还没上菜，气死了
        neg	质量很差，用了两天就坏了
        neg	房间又脏又小，非常失望
        neg	今天真倒霉，手机丢了
        neg	太难吃了，浪费钱
        neg	电影无聊透顶，后悔去看
        neg	快递慢得要死，差评
        neg	老板又让加班，烦死了
        neg	噪音太大，根本睡不着，很生气
        neg	态度恶劣，简直无语
        neg	价格贵还不好用，失望
        neg	排队排了半天，结果卖完了，郁闷
        neg	隔音太差，吵得头疼
        neg	下雨又堵车，心情糟透了
        """;

    public const string PolarityHeldOut = """
        pos	菜很好吃，服务也很好
        pos	今天好开心，阳光很好
        pos	很满意，推荐
        neg	太差了，很失望
        neg	气死了，再也不来了
        neg	难吃又贵，差评
        """;

    public static List<LabelledExample> Parse(string lines) =>
        lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('\t', 2)).Select(p => new LabelledExample(p[1], p[0])).ToList();

    public static TextClassifier TrainPolarity(int hashBits = 14) =>
        TextClassifier.Train(Parse(PolarityLines), ["neg", "pos"], new FeatureOptions { HashBits = hashBits },
            new PhraseLexicon(new Dictionary<string, string> { ["好"] = "pos", ["差"] = "neg", ["不"] = "negation", ["很"] = "degree" }),
            new TrainerOptions { Epochs = 20, LearningRate = 0.2f });
}
