using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace Platform.WaitingRoom.Members;

/// <summary>
/// Reads an uploaded member list — plain text (one address a line) or CSV (any column holding an address; a header
/// row without one is skipped) — and hashes addresses the way the room stores them.
/// </summary>
public static class MemberList
{
    public const int MaxMembers = 100_000;

    /// <summary>At most this many rejected line numbers are reported back (the count is always complete).</summary>
    public const int RejectedLinesShown = 20;

    private static readonly char[] Separators = [',', ';', '\t'];

    /// <summary>The distinct normalised addresses, and the 1-based numbers of non-empty lines with none (a first-line header excepted).</summary>
    public static (HashSet<string> Emails, List<int> Rejected) Parse(string text)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var rejected = new List<int>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            var found = line.Split(Separators).Select(f => Normalize(f.Trim().Trim('"'))).FirstOrDefault(IsAddress);
            if (found is not null)
            {
                emails.Add(found);
            }
            else if (i > 0 || line.Contains('@', StringComparison.Ordinal))
            {
                // Line 1 without any address is a CSV header ("email,name"): not an error.
                rejected.Add(i + 1);
            }
        }

        return (emails, rejected);
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A room's random salt, made with its first list.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// SHA-256 of the room's salt and the normalised address. The salt makes a list's hashes useless against another
    /// list or a precomputed table; it does not stop guessing one known address against one room (ADR 0063).
    /// </summary>
    public static string Hash(string salt, string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + Normalize(email))));

    private static bool IsAddress(string candidate) =>
        candidate.Length is > 2 and <= 254 && candidate.IndexOf('@', StringComparison.Ordinal) is > 0 && candidate[^1] != '@'
        && MailAddress.TryCreate(candidate, out var address) && address.Address == candidate;
}
