using System.Globalization;
using SkiaSharp;
using Platform.Tickets.Rendering;

namespace Platform.PostEvent.Report;

/// <summary>
/// The report as an A4 PDF from the same data and words as the HTML, drawn with SkiaSharp like the ticket PDF
/// (Tickets/Rendering): the ticket's fonts (Noto Sans CJK, subset-embedded) so Chinese prints and can be searched,
/// text drawn with its characters attached (<see cref="TicketPdf.TextBlob"/>), the sales chart as vector bars, and a
/// new page whenever the next line would not fit.
/// </summary>
internal sealed class ReportPdf : IDisposable
{
    private const float PageWidth = 595, PageHeight = 842, Margin = 40, Bottom = PageHeight - 50;

    private readonly SKDocument document;
    private readonly TicketFonts fonts;
    private readonly SKPaint ink = new() { Color = new SKColor(0x1A, 0x1A, 0x1A), IsAntialias = true };
    private readonly SKPaint muted = new() { Color = new SKColor(0x6B, 0x72, 0x80), IsAntialias = true };
    private readonly SKPaint accent = new() { Color = new SKColor(0x4F, 0x46, 0xE5), IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint rule = new() { Color = new SKColor(0xE5, 0xE7, 0xEB), StrokeWidth = 1 };
    private SKCanvas? canvas;
    private float y;

    private ReportPdf(Stream output, TicketFonts fonts, string title)
    {
        this.fonts = fonts;
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = title;
        metadata.Producer = "Ticketing Platform";
        document = SKDocument.CreatePdf(output, metadata);
    }

    public static byte[] Render(PostEventReportResponse r, ReportLabels l, TicketFonts fonts)
    {
        using var pdf = new MemoryStream();
        using (var doc = new ReportPdf(pdf, fonts, l.Title + " · " + r.Title))
        {
            doc.Write(r, l);
            doc.Close();
        }

        return pdf.ToArray();
    }

    private void Write(PostEventReportResponse r, ReportLabels l)
    {
        NewPage();
        Line(l.Title, 20, bold: true);
        Line(r.Title, 15, bold: true);
        Line($"{l.Window}: {Range(r)} · {l.TimeZone}: {r.TimeZone} · {l.Generated}: {ReportLabels.Local(r.GeneratedAt, r.TimeZone)}", 9, paint: muted);

        Heading(l.Summary);
        var kpis = ReportHtml.Kpis(r, l).ToList();
        for (var i = 0; i < kpis.Count; i += 3)
        {
            Row(kpis.Skip(i).Take(3).Select(k => $"{k.Label}: {k.Value}").ToArray(), [0, 175, 350], 10);
        }

        Heading(l.SalesOverTime);
        Chart(r.Sales);
        Table([l.Bucket, l.OrdersPlaced, l.OrdersPaid, l.Tickets, l.Gross, l.Problems], [0, 130, 210, 290, 350, 450],
            r.Sales.Select(b => new[] { b.Label, N(b.OrdersPlaced), N(b.OrdersPaid), N(b.Tickets), ReportLabels.Money(b.Gross, r.Currency), N(b.Problems) }), l);

        Heading(l.ErrorCodes);
        Table([l.Step, l.Code, l.Count], [0, 120, 400], r.ErrorCodes.Select(c => new[] { c.Step, c.Code, N(c.Count) }), l);

        Heading(l.RefundsByReason);
        Table([l.Reason, l.Count, l.Amount], [0, 300, 380],
            r.Refunds.Select(x => new[] { x.Reason.Length == 0 ? l.NoReason : x.Reason, N(x.Refunds), ReportLabels.Money(x.Amount, x.Currency) }), l);

        Heading(l.Queue);
        if (r.Queue is { } q)
        {
            Table([l.Arrivals, l.Admitted, l.PassesIssued, l.PassesUsed, l.PassesAbandoned, l.Rate], [0, 85, 170, 255, 340, 430],
                [[N(q.Arrivals), N(q.Admitted), N(q.PassesIssued), N(q.PassesUsed), N(q.PassesAbandoned), N(q.RatePerMinute) + l.PerMinute]], l);
        }
        else
        {
            Line(l.NoQueue, 10, paint: muted);
        }

        Heading(l.CheckIn);
        Table([l.Tickets, l.CheckedIn, l.Rate], [0, 120, 240], [[N(r.CheckIn.Tickets), N(r.CheckIn.CheckedIn), l.Percent(r.CheckIn.Rate)]], l);

        Heading(l.Incidents);
        if (r.Incidents.Count == 0)
        {
            Line(l.NoIncidents, 10, paint: muted);
        }

        foreach (var i in r.Incidents)
        {
            Line($"{i.AlertName} ({i.Severity ?? "–"}, {i.Status}) {ReportLabels.Local(i.StartsAt, r.TimeZone)} – {(i.EndsAt is { } e ? ReportLabels.Local(e, r.TimeZone) : l.Ongoing)}", 10);
            if (i.Summary is { } s)
            {
                Line(s, 9, paint: muted);
            }
        }

        Heading(l.Notes);
        if (r.Notes.Count == 0)
        {
            Line(l.NoNotes, 10, paint: muted);
        }

        foreach (var note in r.Notes)
        {
            Line($"{ReportLabels.Local(note.CreatedAt, r.TimeZone)} · {note.Author}", 9, paint: muted);
            foreach (var paragraph in note.Text.Split('\n'))
            {
                Wrapped(paragraph, 10);
            }
        }
    }

    private void NewPage()
    {
        if (canvas is not null)
        {
            document.EndPage();
        }

        canvas = document.BeginPage(PageWidth, PageHeight);
        y = Margin;
    }

    private void Room(float height)
    {
        if (y + height > Bottom)
        {
            NewPage();
        }
    }

    private void Heading(string text)
    {
        Room(40);
        y += 14;
        Line(text, 13, bold: true);
        canvas!.DrawLine(Margin, y - 4, PageWidth - Margin, y - 4, rule);
        y += 2;
    }

    private void Line(string text, float size, bool bold = false, SKPaint? paint = null)
    {
        Room(size + 6);
        y += size + 4;
        Draw(text, Margin, size, bold, paint ?? ink, PageWidth - 2 * Margin);
    }

    /// <summary>A long note broken into lines that fit the page (by character, which suits Chinese and is good enough for notes).</summary>
    private void Wrapped(string text, float size)
    {
        using var font = new SKFont(fonts.Regular, size);
        var rest = text;
        do
        {
            var take = rest.Length;
            while (take > 1 && font.MeasureText(rest[..take]) > PageWidth - 2 * Margin)
            {
                take--;
            }

            Line(rest[..take], size);
            rest = rest[take..];
        }
        while (rest.Length > 0);
    }

    private void Row(string[] cells, float[] columns, float size, bool bold = false, SKPaint? paint = null)
    {
        Room(size + 6);
        y += size + 5;
        for (var i = 0; i < cells.Length; i++)
        {
            var width = (i + 1 < columns.Length ? columns[i + 1] : PageWidth - 2 * Margin) - columns[i] - 6;
            Draw(cells[i], Margin + columns[i], size, bold, paint ?? ink, width);
        }
    }

    private void Table(string[] head, float[] columns, IEnumerable<string[]> rows, ReportLabels l)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            Line(l.None, 10, paint: muted);
            return;
        }

        Row(head, columns, 9, paint: muted);
        foreach (var row in list)
        {
            Row(row, columns, 10);
        }
    }

    private void Chart(IReadOnlyList<SalesBucket> buckets)
    {
        if (buckets.Count == 0)
        {
            return;
        }

        const float height = 120;
        Room(height + 10);
        var max = Math.Max(1, buckets.Max(b => b.OrdersPaid));
        var step = (PageWidth - 2 * Margin) / buckets.Count;
        var bar = Math.Max(0.5f, step * 0.7f);
        var baseline = y + height;
        for (var i = 0; i < buckets.Count; i++)
        {
            var h = height * buckets[i].OrdersPaid / max;
            canvas!.DrawRect(Margin + i * step + (step - bar) / 2, baseline - h, bar, h, accent);
        }

        canvas!.DrawLine(Margin, baseline, PageWidth - Margin, baseline, rule);
        y = baseline + 4;
    }

    private void Draw(string text, float x, float size, bool bold, SKPaint paint, float maxWidth)
    {
        using var font = new SKFont(bold ? fonts.Bold : fonts.Regular, size);
        var line = text;
        if (font.MeasureText(line) > maxWidth)
        {
            while (line.Length > 1 && font.MeasureText(line + "…") > maxWidth)
            {
                line = line[..^1];
            }

            line += "…";
        }

        if (line.Length == 0)
        {
            return;
        }

        using var blob = TicketPdf.TextBlob(line, font);
        canvas!.DrawText(blob, x, y, paint);
    }

    private void Close()
    {
        document.EndPage();
        document.Close();
    }

    public void Dispose()
    {
        document.Dispose();
        ink.Dispose();
        muted.Dispose();
        accent.Dispose();
        rule.Dispose();
    }

    private static string Range(PostEventReportResponse r) =>
        r.Window.From is { } from && r.Window.To is { } to ? $"{ReportLabels.Local(from, r.TimeZone)} – {ReportLabels.Local(to, r.TimeZone)}" : "–";

    private static string N(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}
