using Microsoft.Extensions.Configuration;
using SkiaSharp;

namespace Platform.Tickets.Rendering;

/// <summary>
/// The typefaces the PDF ticket is drawn with, embedded (subset) into every PDF so it prints the same everywhere.
/// Noto Sans CJK SC covers Latin and Chinese in one face; Debian's fonts-noto-cjk installs it (scripts/run.sh and
/// scripts/test.sh install the package when it is missing). Tickets:PdfFontPath / Tickets:PdfBoldFontPath override
/// the files; without a CJK font, DejaVu Sans still prints Latin text. Loaded once, on the first PDF.
/// </summary>
internal sealed class TicketFonts(IConfiguration configuration)
{
    private const string CjkFamily = "Noto Sans CJK SC";

    private static readonly string[] RegularFiles =
        ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"];

    private static readonly string[] BoldFiles =
        ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"];

    private readonly Lazy<SKTypeface> regular = new(() => Load(configuration["Tickets:PdfFontPath"], RegularFiles));

    private readonly Lazy<SKTypeface> bold = new(() => Load(configuration["Tickets:PdfBoldFontPath"], BoldFiles));

    public SKTypeface Regular => regular.Value;

    public SKTypeface Bold => bold.Value;

    private static SKTypeface Load(string? configured, string[] candidates)
    {
        foreach (var path in configured is { Length: > 0 } ? [configured, .. candidates] : candidates)
        {
            if (File.Exists(path) && FromCollection(path) is { } typeface)
            {
                return typeface;
            }
        }

        throw new InvalidOperationException(
            $"No font for PDF tickets: install Debian's fonts-noto-cjk or set Tickets:PdfFontPath (looked for {string.Join(", ", candidates)}).");
    }

    /// <summary>A .ttc holds the Japanese, Korean, Simplified and Traditional Chinese faces: pick the Simplified Chinese one.</summary>
    private static SKTypeface? FromCollection(string path)
    {
        SKTypeface? first = null;
        for (var index = 0; index < 16; index++)
        {
            var face = SKTypeface.FromFile(path, index);
            if (face is null)
            {
                break;
            }

            if (face.FamilyName == CjkFamily)
            {
                first?.Dispose();
                return face;
            }

            if (first is null)
            {
                first = face;
            }
            else
            {
                face.Dispose();
            }
        }

        return first;
    }
}
