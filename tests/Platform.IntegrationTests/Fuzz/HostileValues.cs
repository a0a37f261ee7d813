using System.Text;

namespace Platform.IntegrationTests.Fuzz;

/// <summary>
/// The hostile inputs of the issue: null bytes, control characters, 1 MB strings, overflowing and special numbers,
/// wrong types, deep nesting, invalid UTF-8 and lone surrogates, huge arrays, unknown enum values, junk headers.
/// JSON fragments are raw text so they can be what no serializer would write (lone surrogates, 1e309, NaN).
/// </summary>
internal static class HostileValues
{
    /// <summary>Stands for bytes that are not UTF-8 at all; replaced after the body is encoded.</summary>
    public const string InvalidUtf8Marker = "\"@@INVALID_UTF8@@\"";

    public static readonly byte[] InvalidUtf8 = "\""u8.ToArray().Concat(new byte[] { 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80 }).Concat("\""u8.ToArray()).ToArray();

    private static readonly string MegabyteString = "\"" + new string('x', 1_000_000) + "\"";

    public static readonly string[] JsonFragments =
    [
        "\"a\\u0000b\"", "\"\\u0000\"", "\"\\u0001\\u001f\\u007f\"", "\"\\u0085\\u009f\"", "\"tab\\tand\\nline\"",
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"x\\u202e\\u200b\\ufeff\"", "\"\\uffff\\ufffe\"", "\"😀東京\"",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "2147483647", "2147483648", "-2147483649", "1e309", "-1e309", "-0", "-0.0", "1.5", "-1", "0", "1e-400",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e309\"", "\"9223372036854775808\"",
        "true", "false", "null", "[]", "{}", "\"\"", "\" \"", "\"not-a-uuid\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"10000-01-01T00:00:00Z\"", "\"2030-02-30T25:61:00Z\"",
        "\"2030-01-01T00:00:00+14:00\"", "\"unknown_enum_value\"", "\"EUR\\u0000\"", "\"ZZZ\"", "\"<script>alert(1)</script>\"",
        "\"' OR '1'='1\"", "\"%00\"", "\"../../etc/passwd\"", "[\"\\u0000\"]", "{\"a\":\"\\u0000\"}", "[null,null]",
        Nest("[", "]", 64), Nest("{\"a\":", "}", 40), StringArray(100), InvalidUtf8Marker,
    ];

    /// <summary>Fragments of up to 1 MB: drawn less often than the others, only so the default run stays quick.</summary>
    public static readonly string[] LargeJsonFragments =
        [Nest("[", "]", 5000), Nest("{\"a\":", "}", 200), HugeArray(200_000), StringArray(10_000), MegabyteString];

    /// <summary>Whole bodies that are not the JSON object an operation expects.</summary>
    public static readonly string[] WholeBodies =
    [
        "", " ", "null", "[]", "0", "\"text\"", "{", "{\"a\":", "}{", "{\"a\":1,}", "{'a':1}", "NaN", "{\"a\":NaN}",
        "\u0000", "{\"\\u0000\":1}", "{\"a\\u0000\":1}", Nest("[", "]", 5000), Nest("{\"x\":", "}", 1000), HugeArray(200_000),
        InvalidUtf8Marker, "{\"x\":" + InvalidUtf8Marker + "}",
    ];

    public static readonly string[] QueryValues =
    [
        "\u0000", "a\u0000b", "\u0001\u001b[31m", "\u007f", "\u0085", new string('q', 10_000), "-1", "0", "2147483648",
        "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "-0", "true", "[]", "{}", "unknown_enum_value",
        "2030-13-45", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "%", "%%", "", " ", "東京 😀", "' OR '1'='1",
        "not-a-uuid", "00000000-0000-0000-0000-000000000000",
    ];

    /// <summary>Query values sent exactly as written (already percent-encoded, some of it not UTF-8).</summary>
    public static readonly string[] RawQueryValues = ["%00", "%FF%FE", "%ED%A0%80", "%C3%28", "%ZZ", "%E6%9D%B1%E4%BA%AC"];

    public static readonly string[] PathValues =
    [
        // No %00: Kestrel (and the test server) refuse a NUL in the path before the app sees the request.
        "%01", "a%1Fb", "%7F", "not-a-guid", "00000000-0000-0000-0000-000000000000", "%FF%FE", "%ED%A0%80", "..", "%2E%2E",
        "%2F", "x%20y", new string('p', 3000), "-1", "9223372036854775808", "東京",
    ];

    public static readonly string[] HeaderValues =
    [
        "\u0000", "a\u0000b", "\u0001", "\u007f", "\"", "\"\"", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "*",
        new string('h', 10_000), "東京", "ÿ", " ", "", "null", "\"1\", \"2\"", "../../etc",
    ];

    public static readonly string[] Authorizations =
    [
        "Bearer", "Bearer ", "Bearer x", "Bearer " + new string('a', 8000), "Bearer a.b.c", "Bearer \u0000", "Basic Og==",
        "Device abc", "Device " + new string('0', 32) + ".x", "Device .", "Device \u0001", "Negotiate x", "\u0000",
    ];

    public static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/json; charset=utf-32", "application/json; charset=\u0000",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "application/json;;;",
    ];

    public static byte[] Encode(string json)
    {
        var parts = json.Split(InvalidUtf8Marker);
        if (parts.Length == 1)
        {
            return Encoding.UTF8.GetBytes(json);
        }

        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes.AddRange(InvalidUtf8);
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }

        return [.. bytes];
    }

    private static string Nest(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

    private static string HugeArray(int count) => "[" + string.Join(',', Enumerable.Repeat("0", count)) + "]";

    private static string StringArray(int count) => "[" + string.Join(',', Enumerable.Repeat("\"s\"", count)) + "]";
}
