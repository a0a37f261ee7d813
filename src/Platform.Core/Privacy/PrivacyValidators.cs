using FluentValidation;

namespace Platform.Privacy;

internal sealed class EraseBuyerRequestValidator : AbstractValidator<EraseBuyerRequest>
{
    public EraseBuyerRequestValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(BuyerEmails.MaxLength).Must(BuyerEmails.IsValid).WithMessage("'email' must be an email address.");
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }
}

/// <summary>The shape an email must have to name a buyer; the same rule for the export's query and the erasure's body.</summary>
internal static class BuyerEmails
{
    public const int MaxLength = 254;

    public static bool IsValid(string? email) =>
        email is not null && email.Trim() is { Length: > 2 and <= MaxLength } e && e.IndexOf('@') is > 0 and var at && at < e.Length - 1 && !e.Any(char.IsWhiteSpace);
}
