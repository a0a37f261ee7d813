using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Platform.Tickets.Rendering;

/// <summary>The printable ticket as one self-contained HTML page (inline SVG QR, print stylesheet); every value is HTML-encoded.</summary>
internal static class TicketHtml
{
    /// <summary>Markup-significant characters are still encoded; letters of every script stay readable (not &amp;#x…; entities).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(TicketPrintModel m)
    {
        var h = Encoder;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(h.Encode(m.Locale)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(h.Encode(m.Labels.Title)).Append("</title><style>");
        html.Append("body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;margin:0;background:#f3f4f6}");
        html.Append(".ticket{max-width:640px;margin:24px auto;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 1px 4px rgba(0,0,0,.15)}");
        html.Append(".brand{background:").Append(m.PrimaryColor).Append(";color:#fff;padding:16px 24px;display:flex;align-items:center;gap:12px}");
        html.Append(".brand img{max-height:40px}.body{display:flex;gap:24px;padding:24px;flex-wrap:wrap}");
        html.Append(".facts{flex:1;min-width:240px}.facts h1{margin:0 0 8px;font-size:1.5rem;color:").Append(m.AccentColor).Append('}');
        html.Append("dt{font-size:.75rem;text-transform:uppercase;color:#6b7280;margin-top:10px}dd{margin:0;font-size:1rem}");
        html.Append(".qr svg{width:220px;height:220px}.number{font-family:ui-monospace,monospace;font-size:1.1rem;letter-spacing:.1em}");
        html.Append("@media print{body{background:#fff}.ticket{box-shadow:none;margin:0}}</style></head><body>");
        html.Append("<main class=\"ticket\"><header class=\"brand\">");
        if (m.LogoUrl is not null)
        {
            html.Append("<img src=\"").Append(h.Encode(m.LogoUrl)).Append("\" alt=\"\">");
        }

        html.Append("<strong>").Append(h.Encode(m.TenantName)).Append("</strong></header><section class=\"body\"><div class=\"facts\">");
        html.Append("<h1>").Append(h.Encode(m.EventTitle)).Append("</h1><dl>");
        Fact(html, h, m.Labels.When, m.When);
        if (m.Venue is not null)
        {
            Fact(html, h, m.Labels.Venue, m.Venue);
        }

        Fact(html, h, m.Labels.Place, m.Place);
        Fact(html, h, m.Labels.TicketType, m.TicketType);
        Fact(html, h, m.Labels.Holder, m.HolderName);
        html.Append("<dt>").Append(h.Encode(m.Labels.Number)).Append("</dt><dd class=\"number\">").Append(h.Encode(m.Number)).Append("</dd></dl></div>");
        // QRCoder's SVG is generated from the payload alone (no user text), so it is embedded as is.
        html.Append("<div class=\"qr\">").Append(QrImages.Svg(m.QrPayload)).Append("</div></section></main></body></html>");
        return html.ToString();
    }

    private static void Fact(StringBuilder html, HtmlEncoder h, string label, string value) =>
        html.Append("<dt>").Append(h.Encode(label)).Append("</dt><dd>").Append(h.Encode(value)).Append("</dd>");
}
