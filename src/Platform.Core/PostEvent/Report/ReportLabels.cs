using System.Globalization;

namespace Platform.PostEvent.Report;

/// <summary>
/// The report's words in English and Simplified Chinese. A fixed table rather than resources: the HTML and the PDF
/// are documents an operator files away, so they are written in the language asked for (<c>?lang=</c>, else
/// Accept-Language), not the server's culture, and two languages fit in one screen of code.
/// </summary>
internal sealed record ReportLabels(
    string Locale, string Title, string Generated, string Window, string TimeZone, string Summary, string OrdersPlaced, string OrdersPaid,
    string Tickets, string Gross, string Refunded, string Net, string PeakOrders, string PeakPaid, string PerMinute, string OrderSuccess,
    string PaymentSuccess, string PaymentAttempts, string SalesOverTime, string Bucket, string Problems, string ErrorCodes, string Step, string Code,
    string Count, string RefundsByReason, string Reason, string Amount, string Queue, string NoQueue, string Arrivals, string Admitted,
    string PassesIssued, string PassesUsed, string PassesAbandoned, string Rate, string CheckIn, string CheckedIn, string Incidents,
    string NoIncidents, string Alert, string Severity, string Status, string Started, string Ended, string Notes, string NoNotes, string Author,
    string None, string NoReason, string Ongoing)
{
    public static readonly ReportLabels English = new(
        "en", "Event operations report", "Generated", "Covers", "Time zone", "Summary", "Orders placed", "Orders paid", "Tickets sold",
        "Gross", "Refunded", "Net", "Peak orders", "Peak paid orders", "/min", "Order success rate", "Payment success rate", "Payment attempts",
        "Sales over time", "Period", "Problems", "Error codes", "Step", "Code", "Count", "Refunds by reason", "Reason", "Amount",
        "Waiting room", "This event had no waiting room.", "Arrivals", "Admitted", "Passes issued", "Passes used", "Passes abandoned",
        "Rate", "Check-in", "Checked in", "Incidents", "No alerts fired during the sale.", "Alert", "Severity", "Status", "Started",
        "Ended", "Operator notes", "No notes yet.", "Author", "None", "(no reason)", "ongoing");

    public static readonly ReportLabels Chinese = new(
        "zh-CN", "票务系统运行报告", "生成时间", "统计区间", "时区", "概览", "下单数", "支付订单数", "售出票数",
        "销售总额", "退款金额", "净额", "下单峰值", "支付峰值", "/分钟", "订单成功率", "支付成功率", "支付尝试次数",
        "销售走势", "时段", "错误数", "错误代码", "环节", "代码", "次数", "退款原因", "原因", "金额",
        "排队室", "本场活动未启用排队室。", "进入排队", "已放行", "已发放通行证", "已使用通行证", "已放弃通行证",
        "速率", "检票", "已检票", "故障事件", "售票期间没有告警。", "告警", "级别", "状态", "开始",
        "结束", "运营备注", "暂无备注。", "作者", "无", "（无原因）", "进行中");

    /// <summary><c>?lang=</c> first ("zh", "zh-CN", "en"), then the Accept-Language header's first Chinese or English tag; English by default.</summary>
    public static ReportLabels For(string? lang, string? acceptLanguage)
    {
        if (!string.IsNullOrWhiteSpace(lang))
        {
            return lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
        }

        foreach (var part in (acceptLanguage ?? "").Split(','))
        {
            var tag = part.Split(';')[0].Trim();
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return Chinese;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }

        return English;
    }

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Locale);

    /// <summary>An instant on the event's wall clock.</summary>
    public static string Local(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, Platform.Reports.ReportPeriod.Zone(timeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Money(long minor, string currency) =>
        Platform.Reports.Exports.Amounts.Major(minor, currency).ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + currency;
}
