using CityMatrix.Nlp.Categories;

namespace CityMatrix.Nlp.Complaints;

/// <summary>
/// Template family of short Yinchuan Weibo-style posts: citizen requests/complaints (label "1",
/// with category) and hard negatives (label "0"): official notices and city news that mention the
/// same problems, thanks to government accounts, tourism/food posts naming places, private anger,
/// ads. Deterministic for a seed. Template text is easy to learn, so it is only used for training;
/// the held-out check uses hand-written posts (src/Nlp/Training/posts.heldout.tsv).
/// </summary>
public static class ComplaintPostGenerator
{
    public const string Complaint = "1";
    public const string NotComplaint = "0";

    public sealed record Post(string Text, string Label, string? Category);

    private static readonly string[] Districts = ["兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市"];
    private static readonly string[] Streets =
        ["凤凰北街", "解放西街", "文化街", "富宁街", "新华街", "玉皇阁北街", "前进街", "中山南街", "胜利街", "丽景街", "星河街",
         "西花园路", "北京西路", "文昌路", "朔方路", "宁华路", "怀远路", "满城北街", "黄河东路", "长城中路", "北京中路", "上海西路",
         "亲水大街", "宝湖路", "正源街", "阅海湾", "贺兰山路", "银古路", "清和街", "湖滨街", "民族街", "唐徕渠"];
    private static readonly string[] Communities =
        ["崇安社区", "兴隆社区", "北安社区", "安秀社区", "宝湖社区", "阅海社区", "丽景社区", "枕水社区", "康平社区", "通达社区",
         "海宝小区", "紫园小区", "宝湖湾小区", "阅海万家", "丽景湾", "盈北小区", "北塔小区", "金凤一区", "朔方小区", "西湖花园",
         "银佐小区", "上海花园", "满春小区", "富力城", "恒大名都", "万达华府", "新华联", "中房东城", "贺兰县富兴街小区", "永宁县杨和镇"];
    private static readonly string[] Accounts =
        ["@问政银川", "@银川住建", "@银川市城市管理局", "@银川交警", "@兴庆区政府", "@金凤发布", "@西夏区人民政府", "@银川公交",
         "@国网银川供电", "@银川市卫健委", "@银川市教育局", "@银川人社", "@银川市场监管", "@银川生态环境", "@银川园林",
         "@银川水务", "@银川市公安局", "@微博银川", "@银川12345"];

    private sealed record Problem(string Category, string[] Issues);

    private static readonly Problem[] Problems =
    [
        new("城乡建设", ["家里暖气一点都不热，室温才十四度", "暖气片冰凉，老人孩子都冻感冒了", "供暖都半个月了家里还是不热", "又停水了，也没有任何通知",
            "自来水发黄有异味，根本不敢喝", "水压太小，三楼以上都上不去水", "小区又停电了，一天停了三次", "电压不稳，家电都烧坏了",
            "楼道里燃气味很大，报修没人来", "天然气一直打不着火", "物业乱收费，还不给开发票", "物业根本不管事，楼道灯坏了半年",
            "楼下有人私搭乱建，把消防通道都堵了", "一楼住户违章搭建，占了公共绿地", "路灯坏了好几个月，晚上黑漆漆的",
            "井盖丢了没人管，差点有人掉下去", "下水道堵了，污水冒到路面上", "一下雨就积水，车都开不过去", "小区绿化带被人砍了种菜",
            "电梯三天两头坏，老人只能爬楼", "楼顶漏水漏了一个冬天", "房子交房两年了还办不了房产证"]),
        new("环境保护", ["烧烤店油烟直接排到居民楼里", "工地晚上十二点还在施工，吵得睡不着", "广场舞音响开到晚上十点，噪音太大",
            "垃圾堆了一个星期没人清运，臭气熏天", "河道里全是垃圾，水都发黑了", "附近工厂晚上偷偷排废气，味道刺鼻",
            "工地扬尘太大，窗户都不敢开", "有人在空地焚烧垃圾，浓烟滚滚", "路边垃圾桶满了好几天没人倒", "凌晨货车卸货噪音扰民"]),
        new("交通运输", ["路面坑坑洼洼，电动车摔了好几个", "马路中间一个大坑，下雨根本看不见", "红绿灯坏了好几天，路口乱成一团",
            "公交车半小时都等不来一趟", "公交司机不等人就关门开走", "出租车拒载，还要绕路多收钱", "路边乱停车，人行道都走不了",
            "小区门口被占满了车，救护车都进不来", "这条路修了一年还没修完，天天堵车", "路口没有红绿灯，学生过马路太危险",
            "公交站牌被拆了也不说新站在哪"]),
        new("教育文体", ["学校强制学生买教辅资料", "幼儿园乱收费，一学期多收了一千多", "孩子上学划片不合理，离家近的学校不让上",
            "老师在外面办补课班，不去就给孩子穿小鞋", "学校门口接送孩子太乱了，没有人维持秩序", "校车超载，一车塞了二十多个孩子",
            "新小区配套的学校说好今年开学，现在还没动工", "体育场馆说是免费开放，去了却要收费"]),
        new("劳动和社会保障", ["干了半年活，老板一直拖欠工资不给", "工地欠我们农民工工资三个多月了", "公司不给交社保，辞职了也不给补",
            "养老金迟迟没有到账", "医保报销手续太麻烦，跑了五趟还没办下来", "公司不签劳动合同，受伤了也不管",
            "失业保险申请了两个月没有消息", "公积金提取一直办不了"]),
        new("商贸旅游", ["夜市摊占道经营，路都堵死了", "流动摊贩把人行道占满了", "超市卖过期食品，还不给退",
            "饭店卫生太差，吃完全家拉肚子", "景区门票说好半价又不认了", "菜市场缺斤短两，秤有问题",
            "商场停车费乱收费", "网上买的东西是假货，商家不给退款"]),
        new("卫生计生", ["医院挂号排了三个小时", "医生态度恶劣，问两句就不耐烦", "社区卫生服务站经常没人", "打疫苗预约不上，一直排不到号",
            "医院乱收费，检查做了一大堆", "急诊没有医生，等了一个小时没人管", "村卫生室没有药"]),
        new(CategoryVocabulary.Other, ["电动车电瓶被偷了好几次", "小区里老有人半夜打架", "有人在小区门口搞诈骗推销", "楼下棋牌室聚众赌博"]),
    ];

    private static readonly string[] Openers = ["", "", "", "求助！", "投诉：", "反映一个问题：", "再次反映：", "紧急求助，", "实在没办法了，", "想问问，", "请问"];
    private static readonly string[] Durations = ["", "", "好几天了，", "快一个月了，", "从上周开始，", "这都第三次了，", "反映了多少次了，", "打了12345也没用，"];
    private static readonly string[] Asks =
        ["希望相关部门管管！", "能不能管管？", "请尽快处理！", "有没有人管啊？", "什么时候能修好？", "请相关部门核实处理。",
         "求帮忙解决！", "到底归谁管？", "麻烦转给相关部门。", "希望给个说法。", "还让不让人过了！", "请领导重视一下。",
         "求关注求扩散！", "谁来管一管？", "多次打电话都没人理。", ""];
    private static readonly string[] Tails = ["", "", "[怒]", "[抓狂]", "[泪]", "😡", "！！！", "[生病]", "[无奈]"];

    private static readonly string[] Notices =
    [
        "【停水通知】因管网维修，{d}{s}一带{day}8:00至18:00停水，请居民提前储水。",
        "【停电公告】{day}因线路检修，{d}{c}周边将停电，给您带来不便敬请谅解。",
        "【供热提示】今年银川市供暖期为11月1日至次年3月31日，如室温不达标可拨打供热服务热线。",
        "#问政银川# 网友反映{d}{c}路灯不亮的问题，经核实已于{day}修复完毕。",
        "【通报】关于{d}{s}积水问题的处理情况：{day}已完成排水管道疏通。",
        "{d}召开冬季供暖工作推进会，要求各供热企业确保居民室温达标。",
        "【交通管制】{day}起{s}部分路段封闭施工，请绕行{s2}。",
        "银川市开展夜市占道经营专项整治，共清理流动摊点一百余处。",
        "【招聘】{d}教育局公开招聘教师一百名，报名时间截至{day}。",
        "{d}人社局提醒：拖欠农民工工资可拨打12333举报。",
        "【天气】{day}银川晴转多云，气温零下五度到八度，注意保暖。",
        "市场监管局抽检{d}超市食品一百批次，合格率百分之九十九。",
        "银川公交新开通{n}路，途经{s}、{s2}，方便{c}居民出行。",
        "{d}{c}组织志愿者开展垃圾分类宣传活动。",
        "银川市新建公共停车场投入使用，新增车位八百个。",
        "【提醒】{d}{s}道路改造工程{day}开工，预计工期三个月。",
        "问政银川通报：上周共受理网民诉求{n}件，办结率百分之九十六。",
        "{d}卫健委：流感高发季，请市民及时接种疫苗。",
        "关于{d}{c}居民反映油烟扰民问题的回复：执法人员已责令商户安装净化设备。",
    ];

    private static readonly string[] Thanks =
    [
        "感谢{a}！{d}{c}的路灯昨天就修好了，效率真高[赞]",
        "给{a}点赞，上午反映的积水下午就处理了，辛苦了！",
        "谢谢{a}和{c}的工作人员，暖气终于热了，家里二十二度[心]",
        "{d}{s}的路修好了，走起来舒服多了，感谢{a}",
        "之前反映的噪音问题解决了，感谢{a}的及时回复和处理。",
        "为{d}的环卫工人点赞，下了一夜雪早上路就扫干净了。",
        "工资终于拿到了，谢谢{a}帮我们农民工讨回血汗钱！",
        "{c}的网格员大姐真负责，挨家挨户上门通知停水[赞]",
    ];

    private static readonly string[] Leisure =
    [
        "周末带娃去{d}的阅海公园，风景太美了[太开心]",
        "{d}{s}新开的手抓羊肉太香了，推荐！",
        "镇北堡西部影城真好玩，拍了一堆照片",
        "沙湖的日落绝了，下次还来[爱你]",
        "{s}的夜市烤串yyds，排队半小时也值",
        "贺兰山岩画一日游，推荐大家去看看",
        "{d}的稻渔空间稻田画今年又更新了",
        "今天去{c}附近的咖啡馆坐了一下午，好惬意",
        "银川的冬天虽然冷但是蓝天白云真好看",
        "带爸妈去{d}的温泉泡了一天，舒服",
        "西夏陵好壮观，历史感满满",
        "{s}的羊杂碎和油香是我的最爱",
        "第一次来银川，鼓楼夜景很漂亮",
        "在宝湖公园跑了十公里，天气刚好",
        "{d}的枸杞熟了，去采摘园摘了一大筐",
    ];

    private static readonly string[] PrivateAnger =
    [
        "今天排位又被队友坑了，气死我了[怒]",
        "男朋友又忘了我生日，真的无语",
        "这家店上菜也太慢了吧，等了一个小时，再也不来了",
        "快递员把我的快递放错了柜子，烦死了",
        "为什么每次考试都差一点点，我太难了",
        "老板又让加班，周末泡汤了[泪]",
        "隔壁桌的人吃饭吧唧嘴，真受不了",
        "追的剧烂尾了，编剧出来挨打",
        "手机屏幕又摔碎了，心疼死我了",
        "外卖送错了还不接电话，气",
        "室友天天半夜打游戏开麦，我真的会谢",
        "{s}这家奶茶店排队一小时，结果做错了，无语",
        "减肥第三天就破功了，管不住嘴",
        "股票又绿了，今天心态崩了",
        "被渣男骗了，我真傻",
    ];

    private static readonly string[] Ads =
    [
        "{d}{s}万达广场新店开业，全场五折，转发抽奖送大礼包！",
        "{c}附近学区房急售，南北通透，有意私聊",
        "暑期游泳培训班火热报名中，{d}三个校区就近上课",
        "新品上市！宁夏枸杞原浆买二送一，点击链接下单",
        "{d}家政保洁，擦玻璃、油烟机清洗，电话预约",
        "驾校冬季特惠报名，包接送，{s}报名点",
        "{d}{s}健身房周年庆，年卡只要九百九",
        "银川二手车高价回收，上门评估",
    ];

    private static readonly string[] Daily =
    [
        "今天银川又下雪了，出门注意安全",
        "早上{s}有点堵，上班差点迟到",
        "{d}今天阳光真好，适合晒被子",
        "又到了吃饺子的季节",
        "终于放假了，回家啦",
        "读完了一本好书，推荐给大家",
        "{c}今天搞了邻里节，好热闹",
        "今天考完科目二，一把过！",
        "孩子今天在{d}的学校拿了奖状，开心",
        "新年快乐，祝大家万事如意",
    ];

    public static List<Post> Generate(int complaints, int negatives, int seed)
    {
        var rng = new Random(seed);
        string Pick(string[] xs) => xs[rng.Next(xs.Length)];
        string Fill(string t) => t.Replace("{d}", Pick(Districts)).Replace("{s2}", Pick(Streets)).Replace("{s}", Pick(Streets))
            .Replace("{c}", Pick(Communities)).Replace("{a}", Pick(Accounts)).Replace("{n}", rng.Next(2, 300).ToString())
            .Replace("{day}", Pick(["明天", "今天", "12月3日", "本周六", "下周一", "11月20日"]));

        var posts = new List<Post>();
        for (int i = 0; i < complaints; i++)
        {
            var problem = Problems[rng.Next(Problems.Length)];
            string place = rng.Next(4) switch
            {
                0 => Pick(Districts) + Pick(Streets),
                1 => Pick(Districts) + Pick(Communities),
                2 => Pick(Communities),
                _ => Pick(Streets) + Pick(["附近", "这边", "路口", "一带", ""]),
            };
            string mention = rng.Next(3) == 0 ? "" : Pick(Accounts) + (rng.Next(3) == 0 ? " " + Pick(Accounts) : "") + " ";
            string text = rng.Next(2) == 0
                ? $"{Pick(Openers)}{place}{Pick(Durations)}{Pick(problem.Issues)}，{Pick(Asks)}{Pick(Tails)}"
                : $"{Pick(Durations)}{Pick(problem.Issues)}，{place}的，{Pick(Asks)}{Pick(Tails)}";
            text = rng.Next(2) == 0 ? mention + text : text + " " + mention.Trim();
            posts.Add(new Post(text.Trim(), Complaint, problem.Category));
        }
        var pools = new[] { Notices, Notices, Thanks, Leisure, PrivateAnger, PrivateAnger, Ads, Daily };
        for (int i = 0; i < negatives; i++)
        {
            var text = Fill(Pick(pools[rng.Next(pools.Length)]));
            if (rng.Next(5) == 0) text = Pick(["", "#银川#", "#宁夏#", "转发微博 "]) + text;
            posts.Add(new Post(text, NotComplaint, null));
        }
        return posts;
    }
}
