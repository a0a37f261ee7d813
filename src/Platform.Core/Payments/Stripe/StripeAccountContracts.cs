using FluentValidation;

namespace Platform.Payments.Stripe;

/// <summary>
/// Sets the tenant's Stripe account: either <see cref="ConnectedAccountId"/> (acct_…, charged with the platform's key),
/// or the tenant's own <see cref="SecretKey"/> with its endpoint's <see cref="WebhookSecret"/> and the
/// <see cref="PublishableKey"/> of the same mode, which buyers' browsers load Stripe.js with.
/// </summary>
public sealed record SetStripeAccountRequest(string? ConnectedAccountId, string? SecretKey, string? WebhookSecret, string? PublishableKey = null);

/// <summary>The tenant's Stripe account. Secrets are never returned: only the key's last 4 characters.</summary>
public sealed record StripeAccountResponse(StripeAccountKind Kind, string? ConnectedAccountId, string? SecretKeyLast4, bool WebhookSecretSet,
    string Mode, int ApplicationFeeBasisPoints, long ApplicationFeeFixed, string WebhookUrl, DateTimeOffset UpdatedAt, string? PublishableKey);

internal sealed class SetStripeAccountRequestValidator : AbstractValidator<SetStripeAccountRequest>
{
    public SetStripeAccountRequestValidator()
    {
        RuleFor(r => r.ConnectedAccountId).Matches("^acct_[A-Za-z0-9]{1,250}$").WithMessage("connectedAccountId must look like acct_….")
            .When(r => r.ConnectedAccountId is not null);
        RuleFor(r => r.ConnectedAccountId).NotEmpty().WithMessage("Give connectedAccountId, or secretKey with webhookSecret.")
            .When(r => r.SecretKey is null && r.WebhookSecret is null);
        RuleFor(r => r.SecretKey).Null().WithMessage("Give either connectedAccountId or secretKey, not both.")
            .When(r => r.ConnectedAccountId is not null);
        RuleFor(r => r.SecretKey).NotEmpty().Must(k => k is null || StripeRules.LiveModeOf(k) is not null && k.Length <= 255)
            .WithMessage("secretKey must be a Stripe secret key (sk_test_… or sk_live_…).")
            .When(r => r.ConnectedAccountId is null);
        RuleFor(r => r.WebhookSecret).NotEmpty().Matches("^whsec_[A-Za-z0-9+/=]{8,250}$").WithMessage("webhookSecret must be a Stripe signing secret (whsec_…).")
            .When(r => r.ConnectedAccountId is null);
        RuleFor(r => r.WebhookSecret).Null().WithMessage("webhookSecret goes with secretKey; a Connect account uses the platform's endpoint.")
            .When(r => r.ConnectedAccountId is not null);
        RuleFor(r => r.PublishableKey).NotEmpty().MaximumLength(255)
            .Must((r, k) => StripeRules.PublishableLiveModeOf(k) is { } live && (r.SecretKey is null || StripeRules.LiveModeOf(r.SecretKey) == live))
            .WithMessage("publishableKey must be the account's publishable key of the secret key's mode (pk_test_… with sk_test_…, pk_live_… with sk_live_…).")
            .When(r => r.ConnectedAccountId is null);
        RuleFor(r => r.PublishableKey).Null().WithMessage("publishableKey goes with secretKey; a Connect account is confirmed with the platform's key.")
            .When(r => r.ConnectedAccountId is not null);
    }
}
