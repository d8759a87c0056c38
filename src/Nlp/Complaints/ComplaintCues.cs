using CityMatrix.Nlp.Categories;

namespace CityMatrix.Nlp.Complaints;

/// <summary>
/// Cue phrases for the complaint model, by class: requests/complaints, thanks, official notices,
/// ads, private-life topics, matrix accounts, Yinchuan places, and the topic keywords.
/// They become lexicon features; the model learns how much each class counts.
/// </summary>
public static class ComplaintCues
{
    public static readonly string[] Request =
        ["投诉", "反映", "求助", "举报", "能不能管管", "管管", "有没有人管", "谁来管", "没人管", "什么时候修", "什么时候能", "希望相关部门",
         "请相关部门", "相关部门", "有关部门", "尽快处理", "给个说法", "归谁管", "推来推去", "互相推", "求帮忙", "帮帮我们", "求救", "维权",
         "多次反映", "打了12345", "12345", "没人理", "没人来", "不管", "怎么办", "管不管", "能不能", "希望尽快", "请领导", "重视一下",
         "解决一下", "核实处理", "查一查", "查一下", "来看看", "合理吗", "谁负责", "依据是什么", "还让不让人", "讨个说法", "求扩散", "救救"];
    public static readonly string[] Thanks = ["感谢", "谢谢", "点赞", "辛苦了", "辛苦啦", "致敬", "效率真高", "效率很高", "终于", "好样的", "为.*点赞"];
    public static readonly string[] Notice =
        ["通知", "公告", "提示", "提醒", "通报", "经核实", "已完成", "已于", "敬请谅解", "召开", "开展", "据了解", "消息", "截至", "合格率",
         "办结率", "专项整治", "推进会", "投入使用", "正式开始", "请提前", "请过往", "绕行", "受理", "已转", "回复"];
    public static readonly string[] Ad = ["开业", "全场", "优惠", "抽奖", "私信", "私聊", "报名", "特惠", "清仓", "上门服务", "电话预约", "急售", "满减", "包邮", "下单", "回收"];
    public static readonly string[] Private =
        ["游戏", "排位", "队友", "男朋友", "女朋友", "渣男", "追剧", "编剧", "外卖", "奶茶", "减肥", "考研", "室友", "老板", "股票", "猫", "狗", "理发", "健身房", "快递"];
    public static readonly string[] Leisure = ["好玩", "推荐", "风景", "好吃", "太香", "打卡", "拍照", "旅游", "一日游", "景色", "美食", "太美", "漂亮"];
    public static readonly string[] MatrixAccounts =
        ["@问政银川", "@银川住建", "@银川市城市管理局", "@银川交警", "@兴庆区政府", "@金凤发布", "@西夏区人民政府", "@银川公交", "@国网银川供电",
         "@银川市卫健委", "@银川市教育局", "@银川人社", "@银川市场监管", "@银川生态环境", "@银川园林", "@银川水务", "@银川市公安局", "@微博银川",
         "@银川12345", "@银川发布", "@银川纪委"];
    public static readonly string[] Places =
        ["兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市", "银川", "小区", "社区", "街道", "村", "镇", "路口", "楼道", "单元", "楼下", "门口"];

    public static Dictionary<string, string> Lexicon()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (topic, (_, words)) in CategoryVocabulary.Topics) foreach (var w in words) d[w] = "topic";
        foreach (var w in Places) d[w] = "place";
        foreach (var w in Leisure) d[w] = "leisure";
        foreach (var w in Private) d[w] = "private";
        foreach (var w in Ad) d[w] = "ad";
        foreach (var w in Notice) d[w] = "notice";
        foreach (var w in Thanks.Where(t => !t.Contains('*'))) d[w] = "thanks";
        foreach (var w in Request) d[w] = "request";
        foreach (var w in MatrixAccounts) d[w] = "matrix";
        return d;
    }
}
