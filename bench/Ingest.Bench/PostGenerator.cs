namespace CityMatrix.Ingest.Bench;

/// <summary>Realistic Weibo-style posts about Yinchuan: complaints of many topics and places, and ordinary posts.</summary>
public sealed class PostGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Places =
    [
        "兴庆区凤凰北街崇安社区", "兴庆区解放西街", "金凤区正源街", "金凤区满城北街", "西夏区怀远路", "西夏区文昌路街道",
        "永宁县杨和镇", "贺兰县习岗镇", "灵武市城区街道", "兴庆区丽景街", "金凤区黄河东路街道", "西夏区北京西路街道",
    ];

    private static readonly string[] Complaints =
    [
        "{0}暖气一点都不热，家里才15度，热力公司什么时候能管管？",
        "{0}这家烧烤店每天半夜还在营业，噪音太大了根本睡不着，能不能管管",
        "{0}小区物业乱收费，电梯坏了一周也没人修，投诉无门",
        "{0}的路面坑坑洼洼，下雨全是积水，车都没法走，什么时候修？",
        "{0}路边占道经营的摊贩太多，人行道都走不了了，城管管不管？",
        "{0}停水两天了，也没有通知，老人孩子怎么生活？",
        "{0}的路灯坏了一个多月了，晚上走路太危险",
        "{0}有工地夜间施工，凌晨还在打桩，严重扰民，请相关部门处理",
        "反映一下，{0}小区门口的垃圾好几天没人清运了，臭气熏天",
        "{0}这家超市卖过期食品，食品安全谁来管？",
    ];

    private static readonly string[] Ordinary =
    [
        "今天和朋友去{0}吃了手抓羊肉，太好吃了",
        "{0}的银杏叶黄了，拍了几张照片，真美",
        "周末带孩子去{0}的公园玩，天气很好",
        "感谢{0}的工作人员，办事效率很高",
    ];

    public (string Text, bool Complaint) Next()
    {
        var place = Places[_random.Next(Places.Length)];
        var complaint = _random.NextDouble() < 0.7;
        var templates = complaint ? Complaints : Ordinary;
        return (string.Format(templates[_random.Next(templates.Length)], place), complaint);
    }
}
