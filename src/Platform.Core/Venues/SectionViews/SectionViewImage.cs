using SkiaSharp;

namespace Platform.Venues.SectionViews;

/// <summary>What an uploaded file really is, read from its bytes by Skia's decoder (never from the declared type).</summary>
public sealed record SniffedImage(string ContentType, int Width, int Height);

/// <summary>
/// Accepts JPEG, PNG and WebP photos up to <see cref="MaxBytes"/> and <see cref="MaxSide"/> pixels a side. The format
/// is sniffed by SkiaSharp's codec (already used for tickets), which reads the header and so also refuses a file that
/// merely starts with the right magic bytes but is not a decodable image of that format.
/// </summary>
public static class SectionViewImage
{
    /// <summary>A phone photo scaled for the web is a few hundred KB; 2 MB leaves room without bloating the table.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    public const int MaxSide = 6000;

    public static SniffedImage? Sniff(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        var type = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => "image/jpeg",
            SKEncodedImageFormat.Png => "image/png",
            SKEncodedImageFormat.Webp => "image/webp",
            _ => null,
        };
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        return type is null || width is < 1 or > MaxSide || height is < 1 or > MaxSide ? null : new SniffedImage(type, width, height);
    }
}
