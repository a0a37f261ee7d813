using System.Globalization;
using System.Text;

namespace Platform.Tickets.Rendering;

/// <summary>
/// The printable ticket as a one-page PDF 1.4, written directly: standard Helvetica fonts (WinAnsi, no embedding) and
/// the QR drawn as vector squares, so it prints sharp at any size with no rendering package. Characters outside
/// Latin-1 print as '?'; the HTML page shows every script.
/// </summary>
internal static class TicketPdf
{
    private const float PageWidth = 595, PageHeight = 842;

    public static byte[] Render(TicketPrintModel m)
    {
        var c = new StringBuilder();
        var (r, g, b) = Rgb(m.PrimaryColor);
        c.Append(F(r)).Append(' ').Append(F(g)).Append(' ').Append(F(b)).Append(" rg 0 ").Append(F(PageHeight - 90)).Append(' ').Append(F(PageWidth))
            .Append(" 90 re f\n");
        Text(c, "F2", 20, 40, PageHeight - 55, m.TenantName, white: true);
        Text(c, "F2", 24, 40, PageHeight - 140, m.EventTitle);
        var y = PageHeight - 180;
        foreach (var (label, value) in Facts(m))
        {
            Text(c, "F1", 9, 40, y, label.ToUpperInvariant());
            Text(c, label == "Ticket number" ? "F3" : "F1", 13, 40, y - 16, value);
            y -= 42;
        }

        var modules = QrImages.Modules(m.QrPayload);
        const float qrSize = 220;
        var cell = qrSize / modules.Length;
        var left = PageWidth - 40 - qrSize;
        var top = PageHeight - 130;
        c.Append("0 0 0 rg\n");
        for (var row = 0; row < modules.Length; row++)
        {
            for (var col = 0; col < modules[row].Length; col++)
            {
                if (modules[row][col])
                {
                    c.Append(F(left + col * cell)).Append(' ').Append(F(top - (row + 1) * cell)).Append(' ').Append(F(cell)).Append(' ').Append(F(cell)).Append(" re\n");
                }
            }
        }

        c.Append("f\n");
        return Document(Encoding.Latin1.GetBytes(c.ToString()));
    }

    private static IEnumerable<(string, string)> Facts(TicketPrintModel m)
    {
        yield return ("When", m.When);
        if (m.Venue is not null)
        {
            yield return ("Venue", m.Venue);
        }

        yield return ("Seat / area", m.Place);
        yield return ("Ticket", m.TicketType);
        yield return ("Holder", m.HolderName);
        yield return ("Ticket number", m.Number);
    }

    private static void Text(StringBuilder c, string font, int size, float x, float y, string text, bool white = false) =>
        c.Append(white ? "1 1 1 rg " : "0.1 0.1 0.1 rg ").Append("BT /").Append(font).Append(' ').Append(size).Append(" Tf ").Append(F(x)).Append(' ')
            .Append(F(y)).Append(" Td (").Append(Escape(text)).Append(") Tj ET\n");

    private static string Escape(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var ch in text.Length > 90 ? text[..90] : text)
        {
            s.Append(ch switch
            {
                '(' or ')' or '\\' => "\\" + ch,
                '·' => "\u00B7",
                _ when ch < ' ' || ch > '\u00FF' || ch is >= '\u007F' and <= '\u009F' => "?",
                _ => ch.ToString(),
            });
        }

        return s.ToString();
    }

    private static (float, float, float) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255f,
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255f,
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255f);

    private static string F(float v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static byte[] Document(byte[] content)
    {
        var objects = new List<byte[]>
        {
            Latin("<< /Type /Catalog /Pages 2 0 R >>"),
            Latin("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Latin($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {F(PageWidth)} {F(PageHeight)}] /Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> >> /Contents 7 0 R >>"),
            Latin("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
            Latin("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
            Latin("<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>"),
            Latin($"<< /Length {content.Length} >>\nstream\n").Concat(content).Concat(Latin("\nendstream")).ToArray(),
        };
        using var pdf = new MemoryStream();
        Write(pdf, "%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            Write(pdf, $"{i + 1} 0 obj\n");
            pdf.Write(objects[i]);
            Write(pdf, "\nendobj\n");
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        table.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Write(pdf, table.ToString());
        return pdf.ToArray();
    }

    private static byte[] Latin(string s) => Encoding.Latin1.GetBytes(s);

    private static void Write(Stream s, string text) => s.Write(Encoding.Latin1.GetBytes(text));
}
