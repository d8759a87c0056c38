using System.Globalization;
using System.Net;
using System.Text;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Surges;

namespace CityMatrix.Silo.Reports;

/// <summary>Renders the reports as self-contained Chinese HTML pages (every value HTML-encoded).</summary>
public static class ReportHtml
{
    private const string Style =
        "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}" +
        "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}" +
        "th{background:#f3f3f3}.surge{color:#b00020;font-weight:bold}.muted{color:#777}";

    public static string Daily(DailyReport report, ReportQueries names)
    {
        var html = new Page($"问政银川 每日报告 {report.Day:yyyy年M月d日}");
        html.Paragraph($"统计日期：{report.Day:yyyy-MM-dd}（北京时间）　生成时间：{Time(report.GeneratedAt)}", "muted");

        html.Heading("一、受理情况");
        html.Paragraph($"收到网民帖文 {report.Intake.Posts} 条，其中诉求类 {report.Intake.ComplaintPosts} 条；新立案件 {report.Intake.CasesOpened} 件。");
        html.Table(["类别", "案件数"], report.Intake.ByCategory.Select(c => new[] { c.Name, Number(c.Count) }));

        html.Heading("二、办结情况");
        html.Paragraph($"当日办结 {report.Closures.Closed} 件，其中按时办结 {report.Closures.ClosedOnTime} 件（按时办结率 {Rate(report.Closures.ClosedOnTime, report.Closures.Closed)}）；" +
                       $"当日评价 {report.Closures.Rated} 件，其中满意 {report.Closures.Satisfied} 件（满意率 {Rate(report.Closures.Satisfied, report.Closures.Rated)}）。");

        html.Heading("三、超期未办结");
        html.Paragraph($"日终在办案件 {report.Overdue.OpenAtEnd} 件，其中超期 {report.Overdue.Overdue} 件。");
        html.Table(["承办单位", "超期案件"], report.Overdue.ByHolder.Select(h => new[] { h.DisplayName, Number(h.Count) }));

        html.Heading("四、诉求激增预警");
        Surges(html, report.Surges, names);

        html.Heading("五、热点诉求");
        html.Table(["诉求类型", "当日案件", "前一日", "前四周日均"],
            report.TopTopics.Select(t => new[] { t.Topic, Number(t.Count), Number(t.PreviousDay), t.FourWeekAverage.ToString("0.0", CultureInfo.InvariantCulture) }));

        html.Heading("六、热点事件");
        Incidents(html, report.HotIncidents);
        return html.ToString();
    }

    public static string SameDay(SameDayReport report, ReportQueries names)
    {
        var html = new Page($"热点警情当日通报 {report.Day:yyyy年M月d日}");
        html.Paragraph($"截至 {Time(report.AsOf)}（北京时间）", "muted");
        html.Heading("一、诉求激增");
        if (report.Surges.Count == 0) html.Paragraph("今日暂无诉求激增预警。");
        foreach (var surge in report.Surges)
        {
            var alert = surge.Alert;
            html.Paragraph($"【{alert.Topic}】{surge.RegionName}：{Time(alert.FiredAt)} 预警时 {alert.Count} 件，目前 {surge.CountNow} 件；{Baseline(alert)}。", "surge");
            html.Paragraph($"建议约谈：{Units(alert.Units)}");
            Cases(html, surge.Cases);
        }
        html.Heading("二、热点事件");
        Incidents(html, report.HotIncidents);
        return html.ToString();
    }

    private static void Surges(Page html, IReadOnlyList<SurgeAlert> surges, ReportQueries names)
    {
        if (surges.Count == 0)
        {
            html.Paragraph("当日无诉求激增预警。");
            return;
        }
        html.Table(["诉求类型", "区域", "预警时间", "预警时案件数", "历史基线", "建议约谈单位"],
            surges.Select(s => new[] { s.Topic, names.RegionName(s.RegionCode), Time(s.FiredAt), Number(s.Count), Baseline(s), Units(s.Units) }));
    }

    private static void Incidents(Page html, IReadOnlyList<HotIncident> incidents)
    {
        if (incidents.Count == 0)
        {
            html.Paragraph("暂无热点事件。");
            return;
        }
        foreach (var incident in incidents)
        {
            html.Paragraph($"【{incident.Topic}】{incident.RegionName ?? "地点不详"}：{incident.Cases} 位市民反映同一问题。承办单位：" +
                           string.Join("、", incident.Units.Select(u => $"{u.DisplayName}（{u.Count}件）")));
            Cases(html, incident.Sample);
        }
    }

    private static void Cases(Page html, IReadOnlyList<CaseBrief> cases) =>
        html.Table(["案件编号", "受理时间", "诉求内容", "当前承办", "状态"],
            cases.Select(c => new[] { c.Id, Time(c.ReceivedAt), c.Text, c.HolderName, StatusName(c.Status) }));

    private static string Baseline(SurgeAlert alert)
    {
        var seasonal = alert.Baseline.Where(b => b.Kind == ComparableDays.Season).ToList();
        var years = seasonal.Count == 0 ? "" : $"往年同期最高 {seasonal.Max(b => b.Count)} 件";
        var recent = alert.Baseline.Where(b => b.Kind == ComparableDays.Recent).ToList();
        var weeks = recent.Count == 0 ? "" : $"近期日均 {recent.Average(b => b.Count):0.0} 件";
        var parts = new[] { years, weeks, $"基线最高 {alert.BaselineMax} 件、中位数 {alert.BaselineMedian:0.#}、稳健Z值 {alert.ZScore:0.0}" }.Where(p => p.Length > 0);
        return string.Join("，", parts);
    }

    private static string Units(IReadOnlyList<SummonedUnit> units) =>
        units.Count == 0 ? "—" : string.Join("、", units.Select(u => $"{u.DisplayName}（{u.Cases}件）"));

    private static string StatusName(CaseStatus status) => status switch
    {
        CaseStatus.Received => "已受理",
        CaseStatus.Forwarded => "已转办",
        CaseStatus.Accepted => "已签收",
        CaseStatus.InProgress => "办理中",
        CaseStatus.Replied => "已回复",
        CaseStatus.Closed => "已办结",
        CaseStatus.Rated => "已评价",
        CaseStatus.Returned => "已退回",
        CaseStatus.Reopened => "重办",
        CaseStatus.Merged => "已合并",
        _ => status.ToString(),
    };

    private static string Time(DateTimeOffset at) => at.ToOffset(CityDays.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Rate(int part, int whole) => whole == 0 ? "—" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A page under construction; every text passes through <see cref="WebUtility.HtmlEncode(string)"/>.</summary>
    private sealed class Page
    {
        private readonly StringBuilder _html = new();

        public Page(string title)
        {
            _html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(title))
                .Append("</title><style>").Append(Style).Append("</style></head><body><h1>").Append(E(title)).Append("</h1>");
        }

        public void Heading(string text) => _html.Append("<h2>").Append(E(text)).Append("</h2>");

        public void Paragraph(string text, string? cssClass = null) =>
            _html.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(E(text)).Append("</p>");

        public void Table(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
        {
            var list = rows.ToList();
            if (list.Count == 0)
            {
                Paragraph("（无）", "muted");
                return;
            }
            _html.Append("<table><thead><tr>");
            foreach (var header in headers) _html.Append("<th>").Append(E(header)).Append("</th>");
            _html.Append("</tr></thead><tbody>");
            foreach (var row in list)
            {
                _html.Append("<tr>");
                foreach (var cell in row) _html.Append("<td>").Append(E(cell)).Append("</td>");
                _html.Append("</tr>");
            }
            _html.Append("</tbody></table>");
        }

        public override string ToString() => _html + "</body></html>";

        private static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
