using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Http;

/// <summary>
/// The one rule for text the API accepts, in bodies, queries, route values and headers: no control characters
/// other than tab, line feed and carriage return, and no unpaired UTF-16 surrogates. PostgreSQL cannot store U+0000
/// at all (it used to surface as a 500), and the other controls are never meaningful in names, titles or codes
/// but make logs, tickets and CSV exports lie. Such input is refused with a problem naming the field, never stored.
/// </summary>
public static class InputText
{
    /// <summary>The index of the first character the rule refuses, or -1 when the text is acceptable.</summary>
    public static int FindDisallowed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Why <paramref name="text"/> was refused (null when it is acceptable), for the problem's errors.</summary>
    public static string? Explain(ReadOnlySpan<char> text)
    {
        var index = FindDisallowed(text);
        return index < 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"contains a disallowed character (U+{(int)text[index]:X4} at position {index}); control characters other than tab and line breaks are not accepted.");
    }
}

/// <summary>A request body string that breaks <see cref="InputText"/>; the serializer adds the JSON path.</summary>
public sealed class DisallowedTextException(string message) : JsonException(message);

/// <summary>Applies <see cref="InputText"/> to every string of a request body, property names included.</summary>
internal sealed class CheckedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Check(ReadText(ref reader));

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Check(ReadText(ref reader))!;

    /// <summary>An escaped lone surrogate ("\ud800") is valid JSON syntax but no text: the same refusal as a NUL.</summary>
    private static string? ReadText(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            throw new DisallowedTextException("The value contains an unpaired UTF-16 surrogate, which is not text.");
        }
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string? Check(string? value) =>
        value is not null && InputText.Explain(value) is { } why ? throw new DisallowedTextException("The value " + why) : value;
}

/// <summary>
/// Free-form JSON in a body (a webhook filter) is stored as jsonb, which refuses U+0000 too: every string and
/// property name inside it obeys the same rule.
/// </summary>
internal sealed class CheckedJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (FindDisallowed(element, "") is { } path)
        {
            throw new DisallowedTextException(
                $"The text at '{path}' inside this value contains a control character other than tab and line breaks, or an unpaired surrogate.");
        }

        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    /// <summary>An escaped lone surrogate ("\ud800") is valid JSON syntax but cannot be read as text.</summary>
    private static bool IsDisallowed(JsonElement text)
    {
        try
        {
            return InputText.FindDisallowed(text.GetString()) >= 0;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static string? FindDisallowed(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsDisallowed(element) ? (path.Length == 0 ? "$" : path) : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var inner = path + "." + property.Name;
                    if (InputText.FindDisallowed(property.Name) >= 0)
                    {
                        return path.Length == 0 ? "$" : path;
                    }

                    if (FindDisallowed(property.Value, inner) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindDisallowed(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
