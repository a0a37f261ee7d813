using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.Venues;

/// <summary>
/// Stores an enum as the same snake_case text the API speaks (e.g. 'on_sale', 'general_admission'), so raw SQL
/// written by other capabilities (conditional UPDATEs of inventory) reads like the API.
/// </summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => ToText(v), v => FromText(v)) where TEnum : struct, Enum
{
    public static string ToText(TEnum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static TEnum FromText(string value) =>
        Enum.Parse<TEnum>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}
