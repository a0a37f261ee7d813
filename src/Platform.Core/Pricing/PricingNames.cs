using System.Text.Json;
using Platform.Sales;

namespace Platform.Pricing;

/// <summary>The API spelling of pricing enums (snake_case), used where they are stored as text lists.</summary>
internal static class PricingNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static SalesChannel ParseChannel(string name) =>
        Enum.GetValues<SalesChannel>().First(c => Of(c) == name);
}
