using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ticketing.Platform.Sdk;

/// <summary>
/// The API writes enum values in snake_case ("on_sale", "box_office"). NSwag names the members after them (OnSale,
/// BoxOffice) but annotates properties with a plain JsonStringEnumConverter, which would write "OnSale" and fail to
/// read "on_sale": the GenerateClient target swaps in this converter, and the client's settings use it for enums
/// inside collections too.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;

public partial class PlatformClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
}
