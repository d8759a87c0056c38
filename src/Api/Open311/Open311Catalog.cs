namespace CityMatrix.Api.Open311;

/// <summary>
/// Our categories and topics as Open311 services: ASCII service codes (stable, URL-safe), the Chinese
/// names as service names, the category as group. Kept in step with docs/TOPICS.md (a test checks it).
/// </summary>
public static class Open311Catalog
{
    private static readonly (string Code, string Topic, string Category, string Keywords, string Description)[] Topics =
    [
        ("heating", "供暖", "城乡建设", "暖气,供热,室温,热力", "暖气不热、停暖、供热费用等供暖问题"),
        ("water-supply", "供水", "城乡建设", "停水,水压,水质,自来水", "停水、水压低、水质浑浊等供水问题"),
        ("power-supply", "供电", "城乡建设", "停电,电压,电表,线路", "停电、电压不稳、线路隐患等供电问题"),
        ("gas", "燃气", "城乡建设", "天然气,燃气表,漏气", "燃气停供、漏气、燃气费用等问题"),
        ("property", "物业", "城乡建设", "物业费,电梯,小区管理,业委会", "物业服务、物业费、电梯、小区公共设施管理"),
        ("illegal-building", "违章建筑", "城乡建设", "违建,私搭乱建,加盖", "私搭乱建、违法加盖等违章建筑"),
        ("municipal", "市政设施", "城乡建设", "路灯,井盖,护栏,人行道", "路灯、井盖、护栏等市政设施损坏"),
        ("drainage", "排水", "城乡建设", "积水,下水道,污水,管网", "道路积水、下水道堵塞、污水外溢"),
        ("greening", "园林绿化", "城乡建设", "树木,绿地,草坪,公园", "树木修剪、绿地养护、公园设施"),
        ("noise", "噪音", "环境保护", "噪声,夜间施工,广场舞,扰民", "施工、商铺、广场舞等噪音扰民"),
        ("sanitation", "环境卫生", "环境保护", "垃圾,保洁,公厕,清运", "垃圾清运、道路保洁、公厕卫生"),
        ("air", "空气污染", "环境保护", "扬尘,烟尘,异味,油烟", "扬尘、烟尘、油烟、异味等空气污染"),
        ("road-damage", "道路破损", "交通运输", "坑洼,路面,塌陷,修路", "路面坑洼、塌陷等道路破损"),
        ("parking", "停车", "交通运输", "停车位,违停,占用车位", "违章停车、停车难、停车收费"),
        ("public-transport", "公共交通", "交通运输", "公交,线路,站点,出租车", "公交线路、站点、班次与出租车服务"),
        ("street-vending", "占道经营", "商贸旅游", "摊贩,夜市,占道,流动摊点", "流动摊贩、店外经营等占道经营"),
        ("food-safety", "食品安全", "商贸旅游", "餐馆,过期,卫生许可,外卖", "餐饮卫生、过期食品等食品安全问题"),
        ("prices", "市场价格", "商贸旅游", "乱收费,涨价,明码标价", "乱收费、价格欺诈、不明码标价"),
        ("unpaid-wages", "拖欠工资", "劳动和社会保障", "欠薪,农民工,工资", "拖欠工资、欠薪讨薪"),
        ("social-security", "社会保障", "劳动和社会保障", "社保,医保,养老金,低保", "社保、医保、养老金、低保办理"),
        ("health", "医疗卫生", "卫生计生", "医院,诊所,看病,疫苗", "医院服务、诊疗、公共卫生"),
        ("education", "教育", "教育文体", "学校,入学,收费,培训机构", "入学、学校收费、校外培训"),
        ("public-order", "治安", "其他", "盗窃,打架,安全隐患", "治安隐患、盗窃、纠纷"),
    ];

    private static readonly (string Code, string Category)[] Categories =
    [
        ("urban-construction", "城乡建设"), ("environment", "环境保护"), ("transport", "交通运输"), ("education-culture", "教育文体"),
        ("labour-social-security", "劳动和社会保障"), ("commerce-tourism", "商贸旅游"), ("health-family", "卫生计生"), ("other", "其他"),
    ];

    public static IReadOnlyList<Open311Service> All { get; } =
    [
        .. Topics.Select(t => new Open311Service(t.Code, t.Topic, t.Description, t.Keywords, t.Category, t.Category, t.Topic)),
        .. Categories.Select(c => new Open311Service(c.Code, $"其他{c.Category}问题", $"{c.Category}类中没有单独列出的问题", c.Category, c.Category, c.Category, null)),
    ];

    private static readonly Dictionary<string, Open311Service> ByCode = All.ToDictionary(s => s.Code);

    public static Open311Service? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The service a case belongs to: its topic's, else its category's (unknown names fall to "other").</summary>
    public static Open311Service Of(string category, string? topic) =>
        All.FirstOrDefault(s => topic is not null && s.Topic == topic)
        ?? All.FirstOrDefault(s => s.Topic is null && s.Category == category)
        ?? ByCode["other"];
}
