using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Users;

/// <summary>
/// Words about the account that are not on the user row: the organisation (tenant) names at sign-up, invitation and
/// reset. Scoped: whoever sets a password adds them before calling UserManager, which runs the validators.
/// </summary>
public sealed class PasswordContext
{
    private readonly List<string> words = [];

    public IReadOnlyList<string> Words => words;

    public void Add(params string?[] more) => words.AddRange(more.OfType<string>().Where(w => !string.IsNullOrWhiteSpace(w)));
}

/// <summary>
/// Runs <see cref="PasswordStrength"/> inside ASP.NET Core Identity, so every way a password is set — sign-up,
/// invitation, reset page, create-platform-admin — applies the same rule against the user's email, its local part, the
/// display name and the <see cref="PasswordContext"/> words.
/// </summary>
internal sealed class PasswordStrengthValidator(PasswordContext context) : IPasswordValidator<PlatformUser>
{
    public const string Code = "WeakPassword";

    public Task<IdentityResult> ValidateAsync(UserManager<PlatformUser> manager, PlatformUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var problems = PasswordStrength.Problems(password, [user.Email, user.UserName, user.DisplayName, .. context.Words]);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. problems.Select(p => new IdentityError { Code = Code, Description = p })]));
    }
}
