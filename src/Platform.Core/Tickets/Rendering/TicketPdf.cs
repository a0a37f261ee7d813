using System.Text;
using SkiaSharp;

namespace Platform.Tickets.Rendering;

/// <summary>
/// The printable ticket as a one-page A4 PDF, drawn with SkiaSharp's PDF backend: text in the tenant's language with
/// the font subset embedded (so Chinese prints, and a reader can extract it), and the QR as vector squares, so it
/// prints sharp at any size.
/// </summary>
internal static class TicketPdf
{
    private const float PageWidth = 595, PageHeight = 842, Margin = 40, QrSize = 220;

    public static byte[] Render(TicketPrintModel m, TicketFonts fonts)
    {
        using var pdf = new MemoryStream();
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = m.Labels.Title;
        metadata.Creator = m.TenantName;
        metadata.Producer = "Ticketing Platform";
        using (var document = SKDocument.CreatePdf(pdf, metadata))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            using (var band = new SKPaint { Color = SKColor.Parse(m.PrimaryColor), Style = SKPaintStyle.Fill })
            {
                canvas.DrawRect(0, 0, PageWidth, 90, band);
            }

            using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
            using var ink = new SKPaint { Color = new SKColor(0x1A, 0x1A, 0x1A), IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x6B, 0x72, 0x80), IsAntialias = true };
            var textWidth = PageWidth - 3 * Margin - QrSize;
            Text(canvas, m.TenantName, fonts.Bold, 20, Margin, 55, white, PageWidth - 2 * Margin);
            Text(canvas, m.EventTitle, fonts.Bold, 24, Margin, 140, ink, PageWidth - 2 * Margin);
            var y = 180f;
            foreach (var (label, value, strong) in Facts(m))
            {
                Text(canvas, label, fonts.Regular, 9, Margin, y, muted, textWidth);
                Text(canvas, value, strong ? fonts.Bold : fonts.Regular, 13, Margin, y + 16, ink, textWidth);
                y += 42;
            }

            DrawQr(canvas, QrImages.Modules(m.QrPayload), PageWidth - Margin - QrSize, 160);
            document.EndPage();
            document.Close();
        }

        return pdf.ToArray();
    }

    private static IEnumerable<(string Label, string Value, bool Strong)> Facts(TicketPrintModel m)
    {
        yield return (m.Labels.When, m.When, false);
        if (m.Venue is not null)
        {
            yield return (m.Labels.Venue, m.Venue, false);
        }

        yield return (m.Labels.Place, m.Place, false);
        yield return (m.Labels.TicketType, m.TicketType, false);
        yield return (m.Labels.Holder, m.HolderName, false);
        yield return (m.Labels.Number, m.Number, true);
    }

    /// <summary>One line, cut with an ellipsis where it would run into the QR code or off the page.</summary>
    private static void Text(SKCanvas canvas, string text, SKTypeface typeface, float size, float x, float baseline, SKPaint paint, float maxWidth)
    {
        using var font = new SKFont(typeface, size);
        var line = text;
        if (font.MeasureText(line) > maxWidth)
        {
            while (line.Length > 1 && font.MeasureText(line + "…") > maxWidth)
            {
                line = line[..^1];
            }

            line += "…";
        }

        using var blob = TextBlob(line, font);
        canvas.DrawText(blob, x, baseline, paint);
    }

    /// <summary>
    /// Glyphs together with the text they came from (UTF-8 and each glyph's cluster), so the PDF carries the real
    /// characters where the font's glyph→character map is ambiguous: Noto CJK draws 音 and the Kangxi radical ⾳ with
    /// one glyph, and without the text a reader would copy (and search for) the radical.
    /// </summary>
    internal static SKTextBlob TextBlob(string line, SKFont font)
    {
        var glyphs = font.GetGlyphs(line);
        var utf8 = Encoding.UTF8.GetBytes(line);
        var clusters = new uint[glyphs.Length];
        var (index, offset) = (0, 0u);
        foreach (var rune in line.EnumerateRunes())
        {
            if (index < clusters.Length)
            {
                clusters[index++] = offset;
            }

            offset += (uint)rune.Utf8SequenceLength;
        }

        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateTextRun(font, glyphs.Length, 0, 0, utf8.Length);
        run.SetGlyphs(glyphs);
        run.SetText(utf8);
        run.SetClusters(clusters);
        return builder.Build()!;
    }

    /// <summary>Dark modules as filled squares (one path, no anti-aliasing seams between neighbours).</summary>
    private static void DrawQr(SKCanvas canvas, bool[][] modules, float left, float top)
    {
        var cell = QrSize / modules.Length;
        using var path = new SKPath();
        for (var row = 0; row < modules.Length; row++)
        {
            for (var col = 0; col < modules[row].Length; col++)
            {
                if (modules[row][col])
                {
                    path.AddRect(SKRect.Create(left + col * cell, top + row * cell, cell, cell));
                }
            }
        }

        using var black = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill };
        canvas.DrawPath(path, black);
    }
}
