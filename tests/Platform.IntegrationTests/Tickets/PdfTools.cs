using System.Diagnostics;
using System.Globalization;
using System.Text;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;
using ZXing.QrCode;

namespace Platform.IntegrationTests.Tickets;

/// <summary>
/// Reads a PDF the way a person or a gate would: its text through poppler's pdftotext (what a reader can find and
/// copy), and its page rasterised by pdftoppm and scanned for a QR code by ZXing. scripts/test.sh installs
/// poppler-utils when missing.
/// </summary>
internal static class PdfTools
{
    public static async Task<string> TextAsync(byte[] pdf) =>
        Encoding.UTF8.GetString(await RunAsync("pdftotext", ["-enc", "UTF-8", "-layout", "{in}", "-"], pdf));

    /// <summary>The text of the QR code on the first page, rendered at 150 dpi in grey; null when none is found.</summary>
    /// <remarks>
    /// ZXing's single-code reader commits to the first three finder-pattern candidates it ranks best; for about 1 in
    /// 100 of our version-8 codes data modules mimic a finder pattern and it gives up, even on a perfect bitmap (measured:
    /// 5 of 400 QRCoder matrices and 4 of 400 of ZXing's own, at 4 px per module). The multi-code reader tries the
    /// other candidate triples, as a phone's scanner does by retrying frames: 0 of 1,500 failed with the fallback.
    /// </remarks>
    public static async Task<string?> ScanQrAsync(byte[] pdf)
    {
        var pgm = await RunAsync("pdftoppm", ["-r", "150", "-gray", "-f", "1", "-l", "1", "{in}"], pdf);
        var (width, height, pixels) = ParsePgm(pgm);
        var source = new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var bitmap = new BinaryBitmap(new HybridBinarizer(source));
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(bitmap, hints)?.Text
            ?? new QRCodeMultiReader().decodeMultiple(bitmap, hints)?.SingleOrDefault()?.Text;
    }

    /// <summary>Binary PGM (P5, maxval 255): header "P5 width height 255" then one byte per pixel.</summary>
    private static (int Width, int Height, byte[] Pixels) ParsePgm(byte[] pgm)
    {
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            fields.Add(Encoding.ASCII.GetString(pgm, start, position - start));
        }

        Assert.Equal("P5", fields[0]);
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return (width, height, pgm[(position + 1)..(position + 1 + width * height)]);
    }

    private static async Task<byte[]> RunAsync(string tool, string[] arguments, byte[] pdf)
    {
        var input = Path.Combine(Path.GetTempPath(), $"ticket-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(input, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument == "{in}" ? input : argument);
            }

            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await copy;
            Assert.True(process.ExitCode == 0, $"{tool} failed: {await errors}");
            return output.ToArray();
        }
        finally
        {
            File.Delete(input);
        }
    }
}
