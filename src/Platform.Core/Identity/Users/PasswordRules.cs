using Microsoft.AspNetCore.Identity;
using Platform.Http;

namespace Platform.Identity.Users;

internal static class PasswordRules
{
    public const int MinimumLength = 12;

    /// <summary>Runs Identity's password validators (length, common list) and turns failures into a 422 on the field.</summary>
    public static async Task EnsureValidAsync(UserManager<PlatformUser> users, PlatformUser user, string password, string field = "password")
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            throw new UnprocessableException("weak_password", "The password does not meet the password policy.",
                new Dictionary<string, string[]> { [field] = [.. errors] });
        }
    }
}
