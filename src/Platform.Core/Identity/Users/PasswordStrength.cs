using System.Collections.Frozen;
using System.Text;

namespace Platform.Identity.Users;

/// <summary>
/// The password rules beyond length: a password must not be built from what an attacker knows about its owner (email,
/// name, organisation) nor be a common password dressed up with capitals, digits and symbols, and zxcvbn must rate it
/// at least <see cref="MinimumScore"/>. Each refusal says why, in words a person can act on. Pure: unit-tested directly.
/// </summary>
internal static class PasswordStrength
{
    /// <summary>zxcvbn's 0–4 scale; 3 is "safely unguessable" against an online attack and slows an offline one (ADR).</summary>
    public const int MinimumScore = 3;

    /// <summary>Fewer letters than this left after removing the personal words means the password is those words.</summary>
    private const int MinimumOwnLetters = 4;

    /// <summary>Personal words shorter than this are too common to hold against a password ("an", "co").</summary>
    private const int MinimumWordLength = 3;

    private static readonly Lazy<FrozenSet<string>> NormalizedCommon = new(() =>
        CommonPasswordValidator.All.SelectMany(Variants).Where(v => v.Length >= MinimumWordLength).ToFrozenSet(StringComparer.Ordinal));

    public static IReadOnlyList<string> Problems(string password, IEnumerable<string?> personal)
    {
        var inputs = personal.OfType<string>().Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct().ToList();
        var problems = new List<string>();
        if (inputs.Any(i => string.Equals(i, password.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("The password is your email address, your name or your organisation's name; choose something nobody can look up.");
        }
        else if (BuiltFromPersonal(password, inputs))
        {
            problems.Add("The password is built from your email address, your name or your organisation's name (with digits or symbols added); " +
                         "choose something nobody can look up.");
        }

        if (Variants(password).Any(v => v.Length >= MinimumWordLength && NormalizedCommon.Value.Contains(v)))
        {
            problems.Add("The password is a common password with capitals, digits or symbols added; attackers try those first.");
        }

        var score = Zxcvbn.Zxcvbn.MatchPassword(password, inputs).Score;
        if (score < MinimumScore)
        {
            problems.Add($"The password is too easy to guess (strength {score} of 4, at least {MinimumScore} needed): use a longer passphrase of " +
                         "unrelated words, or more random characters.");
        }

        return problems;
    }

    /// <summary>
    /// The password's letters, once as typed (Password123! → password) and once with look-alike digits and symbols
    /// between its first and last letter read as letters (P@ssw0rd2024! → password); digits and symbols around the
    /// word are padding either way.
    /// </summary>
    internal static IEnumerable<string> Variants(string password)
    {
        var lower = password.ToLowerInvariant();
        var plain = LettersOnly(lower);
        yield return plain;
        var first = lower.IndexOf(lower.FirstOrDefault(char.IsLetter));
        var last = lower.LastIndexOf(lower.LastOrDefault(char.IsLetter));
        if (plain.Length == 0 || first < 0 || last < first)
        {
            yield break;
        }

        var leet = LettersOnly(new string([.. lower[first..(last + 1)].Select(Unleet)]));
        if (leet != plain)
        {
            yield return leet;
        }
    }

    /// <summary>
    /// True when removing every personal word (the whole input and its parts: "ada.lovelace@example.com" gives
    /// adalovelaceexamplecom, ada, lovelace, example) leaves fewer than a few letters of the password's own.
    /// </summary>
    private static bool BuiltFromPersonal(string password, List<string> inputs)
    {
        var words = inputs.SelectMany(i => i.ToLowerInvariant().Split(['@', '.', '_', '-', '+', ' ', '\'', ','], StringSplitOptions.RemoveEmptyEntries)
                .Append(i.ToLowerInvariant()))
            .Select(LettersOnly).Where(w => w.Length >= MinimumWordLength).Distinct().OrderByDescending(w => w.Length).ToList();
        if (words.Count == 0)
        {
            return false;
        }

        foreach (var variant in Variants(password))
        {
            var rest = variant;
            foreach (var word in words)
            {
                rest = rest.Replace(word, "", StringComparison.Ordinal);
            }

            if (rest.Length < variant.Length && rest.Length < MinimumOwnLetters)
            {
                return true;
            }
        }

        return false;
    }

    private static string LettersOnly(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(char.IsLetter))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static char Unleet(char c) => c switch
    {
        '@' or '4' => 'a',
        '3' => 'e',
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '$' or '5' => 's',
        '7' or '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    };
}
