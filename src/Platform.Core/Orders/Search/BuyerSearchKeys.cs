using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Orders.Search;

/// <summary>
/// Lookup keys for finding orders by buyer (ADR 0033). Buyer details are stored encrypted (Data Protection), so the
/// database cannot search their text; instead each order carries hashes of what a seller types: the phone's digits,
/// and every word of the name (case- and width-folded, NFKC) — for Han, kana and Hangul also each character, since
/// those names have no spaces and a seller may type part of one. A search hashes the query the same way and asks
/// for orders holding every one of its keys. Like the existing email hash, these are lookup keys: someone holding
/// the database can test a guessed name or number, but cannot read one back.
/// </summary>
public static class BuyerSearchKeys
{
    /// <summary>Fewer digits than this is not a phone number worth an index lookup (and would match too much).</summary>
    public const int MinPhoneDigits = 5;

    /// <summary>The key of a phone number: its digits only, so "+49 30 1234-567" and "4930 1234567" meet.</summary>
    public static string? Phone(string? phone)
    {
        var digits = Digits(phone);
        return digits.Length < MinPhoneDigits ? null : Hash("phone", digits);
    }

    /// <summary>The keys stored with an order: each word of the name, and each character of its Han/kana/Hangul runs.</summary>
    public static string[] Name(string? name) =>
        [.. Words(name).SelectMany(w => StartsCjk(w) ? w.EnumerateRunes().Select(r => r.ToString()).Prepend(w) : [w]).Distinct().Select(w => Hash("name", w))];

    /// <summary>The keys a name query must all match: whole words, and Han/kana/Hangul runs one character each (a part of a name).</summary>
    public static string[] NameQuery(string query) =>
        [.. Words(query).SelectMany(w => StartsCjk(w) ? w.EnumerateRunes().Select(r => r.ToString()) : [w]).Distinct().Select(w => Hash("name", w))];

    /// <summary>True when the query reads as a phone number: only digits and the separators people type between them.</summary>
    public static bool LooksLikePhone(string query) =>
        query.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+' or '/') && Digits(query).Length >= MinPhoneDigits;

    private static string Digits(string? text) => text is null ? "" : new string([.. text.Where(char.IsAsciiDigit)]);

    /// <summary>Words: runs of letters and digits after NFKC (full-width to narrow) and case folding; CJK scripts split from Latin.</summary>
    private static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var word = new StringBuilder();
        bool? cjk = null;
        foreach (var rune in folded.EnumerateRunes())
        {
            var letter = Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark;
            var isCjk = letter && IsCjk(rune);
            if (word.Length > 0 && (!letter || isCjk != cjk))
            {
                yield return word.ToString();
                word.Clear();
            }

            if (letter)
            {
                word.Append(rune.ToString());
                cjk = isCjk;
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static bool StartsCjk(string word) => IsCjk(Rune.GetRuneAt(word, 0));

    /// <summary>Han (incl. extensions), Hiragana, Katakana and Hangul: scripts written without spaces between a name's parts.</summary>
    private static bool IsCjk(Rune r) => r.Value is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
        or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F);

    private static string Hash(string kind, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + text)));
}
