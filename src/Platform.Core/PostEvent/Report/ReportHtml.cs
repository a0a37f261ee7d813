using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Platform.PostEvent.Report;

/// <summary>
/// The report as one self-contained HTML page (no script, no external asset): tables and the sales chart as inline
/// SVG, so it can be mailed, archived or printed as is. Every value from the database is HTML-encoded.
/// </summary>
internal static class ReportHtml
{
    /// <summary>Encodes markup characters only: Chinese stays readable text, not numeric entities.</summary>
    private static readonly HtmlEncoder Enc = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(PostEventReportResponse r, ReportLabels l)
    {
        string E(string? s) => Enc.Encode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(l.Locale).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(l.Title)).Append(" · ").Append(E(r.Title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;color:#1a1a1a;max-width:960px;margin:24px auto;padding:0 16px}")
            .Append("h1{font-size:22px;margin:0}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}")
            .Append(".muted{color:#6b7280;font-size:13px}table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #f0f0f0}")
            .Append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}")
            .Append(".kpi{border:1px solid #e5e7eb;border-radius:6px;padding:8px}.kpi b{display:block;font-size:18px}svg{max-width:100%;height:auto}</style></head><body>");
        html.Append("<h1>").Append(E(l.Title)).Append("</h1><p><b>").Append(E(r.Title)).Append("</b></p><p class=\"muted\">")
            .Append(E(l.Window)).Append(": ").Append(Range(r.Window.From, r.Window.To, r.TimeZone)).Append(" · ").Append(E(l.TimeZone)).Append(": ").Append(E(r.TimeZone))
            .Append(" · ").Append(E(l.Generated)).Append(": ").Append(ReportLabels.Local(r.GeneratedAt, r.TimeZone)).Append("</p>");

        html.Append("<h2>").Append(E(l.Summary)).Append("</h2><div class=\"kpis\">");
        foreach (var (label, value) in Kpis(r, l))
        {
            html.Append("<div class=\"kpi\"><span class=\"muted\">").Append(E(label)).Append("</span><b>").Append(E(value)).Append("</b></div>");
        }

        html.Append("</div><h2>").Append(E(l.SalesOverTime)).Append("</h2>").Append(Chart(r.Sales, l));
        Table(html, [l.Bucket, l.OrdersPlaced, l.OrdersPaid, l.Tickets, l.Gross, l.Problems],
            r.Sales.Select(b => new[] { b.Label, N(b.OrdersPlaced), N(b.OrdersPaid), N(b.Tickets), ReportLabels.Money(b.Gross, r.Currency), N(b.Problems) }), l);

        html.Append("<h2>").Append(E(l.ErrorCodes)).Append("</h2>");
        Table(html, [l.Step, l.Code, l.Count], r.ErrorCodes.Select(c => new[] { c.Step, c.Code, N(c.Count) }), l);

        html.Append("<h2>").Append(E(l.RefundsByReason)).Append("</h2>");
        Table(html, [l.Reason, l.Count, l.Amount], r.Refunds.Select(x => new[] { x.Reason.Length == 0 ? l.NoReason : x.Reason, N(x.Refunds), ReportLabels.Money(x.Amount, x.Currency) }), l);

        html.Append("<h2>").Append(E(l.Queue)).Append("</h2>");
        if (r.Queue is { } q)
        {
            Table(html, [l.Arrivals, l.Admitted, l.PassesIssued, l.PassesUsed, l.PassesAbandoned, l.Rate],
                [[N(q.Arrivals), N(q.Admitted), N(q.PassesIssued), N(q.PassesUsed), N(q.PassesAbandoned), N(q.RatePerMinute) + l.PerMinute]], l);
        }
        else
        {
            html.Append("<p class=\"muted\">").Append(E(l.NoQueue)).Append("</p>");
        }

        html.Append("<h2>").Append(E(l.CheckIn)).Append("</h2>");
        Table(html, [l.Tickets, l.CheckedIn, l.Rate], [[N(r.CheckIn.Tickets), N(r.CheckIn.CheckedIn), l.Percent(r.CheckIn.Rate)]], l);

        html.Append("<h2>").Append(E(l.Incidents)).Append("</h2>");
        if (r.Incidents.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(l.NoIncidents)).Append("</p>");
        }
        else
        {
            Table(html, [l.Alert, l.Severity, l.Status, l.Started, l.Ended], r.Incidents.Select(i => new[]
            {
                i.AlertName + (i.Summary is { } s ? " — " + s : ""), i.Severity ?? "", i.Status, ReportLabels.Local(i.StartsAt, r.TimeZone),
                i.EndsAt is { } end ? ReportLabels.Local(end, r.TimeZone) : l.Ongoing,
            }), l);
        }

        html.Append("<h2>").Append(E(l.Notes)).Append("</h2>");
        if (r.Notes.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(l.NoNotes)).Append("</p>");
        }

        foreach (var note in r.Notes)
        {
            html.Append("<p><span class=\"muted\">").Append(ReportLabels.Local(note.CreatedAt, r.TimeZone)).Append(" · ").Append(E(note.Author))
                .Append("</span><br>").Append(E(note.Text).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    internal static IEnumerable<(string Label, string Value)> Kpis(PostEventReportResponse r, ReportLabels l)
    {
        yield return (l.OrdersPlaced, N(r.Totals.OrdersPlaced));
        yield return (l.OrdersPaid, N(r.Totals.OrdersPaid));
        yield return (l.Tickets, N(r.Totals.Tickets));
        yield return (l.Gross, ReportLabels.Money(r.Totals.Gross, r.Currency));
        yield return (l.Refunded, ReportLabels.Money(r.Totals.Refunded, r.Currency));
        yield return (l.Net, ReportLabels.Money(r.Totals.Net, r.Currency));
        yield return (l.PeakOrders, N(r.Peaks.OrdersPerMinute) + l.PerMinute);
        yield return (l.PeakPaid, N(r.Peaks.PaidPerMinute) + l.PerMinute);
        yield return (l.OrderSuccess, l.Percent(r.Rates.Orders));
        yield return (l.PaymentSuccess, l.Percent(r.Rates.Payments));
        yield return (l.PaymentAttempts, N(r.Rates.PaymentAttempts));
        yield return (l.CheckIn, l.Percent(r.CheckIn.Rate));
    }

    /// <summary>Orders paid per bucket as bars, problems as a red line of dots: readable without a script.</summary>
    private static string Chart(IReadOnlyList<SalesBucket> buckets, ReportLabels l)
    {
        if (buckets.Count == 0)
        {
            return "<p class=\"muted\">" + Enc.Encode(l.None) + "</p>";
        }

        const int width = 900, height = 220, left = 40, bottom = 30, top = 10;
        var max = Math.Max(1, buckets.Max(b => Math.Max(b.OrdersPaid, Math.Max(b.OrdersPlaced, b.Problems))));
        var step = (double)(width - left) / buckets.Count;
        var bar = Math.Max(1, step * 0.7);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Enc.Encode(l.SalesOverTime)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\" stroke=\"#9ca3af\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 10}\" font-size=\"11\" fill=\"#6b7280\">{max}</text>");
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            var x = left + i * step + (step - bar) / 2;
            var hPaid = (height - bottom - top) * b.OrdersPaid / (double)max;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{height - bottom - hPaid:0.#}\" width=\"{bar:0.#}\" height=\"{hPaid:0.#}\" fill=\"#4f46e5\"><title>{Enc.Encode(b.Label)}: {b.OrdersPaid} {Enc.Encode(l.OrdersPaid)}</title></rect>");
            if (b.Problems > 0)
            {
                var y = height - bottom - (height - bottom - top) * b.Problems / (double)max;
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x + bar / 2:0.#}\" cy=\"{y:0.#}\" r=\"3\" fill=\"#dc2626\"><title>{b.Problems} {Enc.Encode(l.Problems)}</title></circle>");
            }

            if (i == 0 || i == buckets.Count - 1 || buckets.Count <= 12)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{height - 12}\" font-size=\"10\" fill=\"#6b7280\">{Enc.Encode(b.Label[Math.Max(0, b.Label.Length - 11)..])}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Table(StringBuilder html, string[] head, IEnumerable<string[]> rows, ReportLabels l)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(Enc.Encode(l.None)).Append("</p>");
            return;
        }

        html.Append("<table><thead><tr>");
        for (var i = 0; i < head.Length; i++)
        {
            html.Append(i == 0 ? "<th>" : "<th class=\"n\">").Append(Enc.Encode(head[i])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                html.Append(i == 0 ? "<td>" : "<td class=\"n\">").Append(Enc.Encode(row[i])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Range(DateTimeOffset? from, DateTimeOffset? to, string zone) =>
        from is null || to is null ? "–" : ReportLabels.Local(from.Value, zone) + " – " + ReportLabels.Local(to.Value, zone);

    private static string N(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}
