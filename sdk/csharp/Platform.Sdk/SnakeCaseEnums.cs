using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ticketing.Platform.Sdk;

/// <summary>
/// Reads and writes an enum as the API's snake_case string (the generated members' <c>[EnumMember]</c> value:
/// <c>"on_sale"</c> is <c>EventStatus.OnSale</c>). A string this SDK does not know reads as <c>Unknown</c> (every
/// generated enum has it) instead of throwing, so a value added to the API never turns a success into an exception.
/// </summary>
/// <typeparam name="TEnum">A generated enum.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = Names().GroupBy(n => n.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static readonly Dictionary<TEnum, string> ByValue = Names().GroupBy(n => n.Value)
        .ToDictionary(g => g.Key, g => g.First().Name);

    private static readonly TEnum Unknown = Enum.TryParse<TEnum>("Unknown", out var unknown) ? unknown : default;

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(TEnum).Name}, got {reader.TokenType}.");
        }

        return ByName.TryGetValue(reader.GetString()!, out var value) ? value : Unknown;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ByValue.TryGetValue(value, out var name)
            ? name
            : throw new JsonException($"{typeof(TEnum).Name}.{value} is not a value the API knows; it cannot be sent."));

    /// <summary>The wire name of each member: its [EnumMember] value, else its name in snake_case.</summary>
    private static IEnumerable<(string Name, TEnum Value)> Names() =>
        typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.Name != "Unknown")
            .Select(f => (f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Name), (TEnum)f.GetValue(null)!));
}

/// <summary>Applies <see cref="SnakeCaseEnumConverter{TEnum}"/> to every enum, inside collections too.</summary>
public sealed class SnakeCaseEnumConverterFactory : JsonConverterFactory
{
    private static readonly ConcurrentDictionary<Type, JsonConverter> Converters = new();

    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.GetOrAdd(typeToConvert, t => (JsonConverter)Activator.CreateInstance(typeof(SnakeCaseEnumConverter<>).MakeGenericType(t))!);
}
