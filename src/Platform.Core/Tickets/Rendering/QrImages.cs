using QRCoder;

namespace Platform.Tickets.Rendering;

/// <summary>QR images of a payload via QRCoder (pure managed, no System.Drawing): PNG, SVG and the raw module matrix for the PDF.</summary>
public static class QrImages
{
    public static QRCodeData Encode(string payload)
    {
        using var generator = new QRCodeGenerator();
        // Level M survives a creased or slightly dirty print while keeping the code small.
        return generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
    }

    public static byte[] Png(string payload, int pixelsPerModule = 8)
    {
        using var data = Encode(payload);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }

    public static string Svg(string payload, int pixelsPerModule = 6)
    {
        using var data = Encode(payload);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(pixelsPerModule);
    }

    /// <summary>Dark modules as a square matrix (the quiet zone included).</summary>
    public static bool[][] Modules(string payload)
    {
        using var data = Encode(payload);
        return [.. data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())];
    }
}
