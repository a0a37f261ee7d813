using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Users;

/// <summary>
/// Refuses the 10,000 most common passwords (the list shipped in common-passwords.txt, compared case-insensitively),
/// because attackers try those first whatever composition rules say.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<PlatformUser>
{
    public const string Code = "CommonPassword";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static int Count => Common.Value.Count;

    public static bool IsCommon(string password) => Common.Value.Contains(password);

    /// <summary>The list itself, for checks that normalise passwords before comparing (<see cref="PasswordStrength"/>).</summary>
    public static IEnumerable<string> All => Common.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<PlatformUser> manager, PlatformUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = Code,
                Description = "This password is among the 10,000 most common passwords; choose another.",
            })
            : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Platform.Identity.common-passwords.txt")
                           ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
