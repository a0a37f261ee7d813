using System.ComponentModel.DataAnnotations;

namespace Platform.Payments.Stripe;

/// <summary>
/// The platform's own Stripe settings (section "Stripe"). Empty by default: Stripe is then off for Connect tenants,
/// and the embedded default stays sandbox-only.
/// </summary>
public sealed class StripeOptions : IValidatableObject
{
    public const string Section = "Stripe";

    /// <summary>The platform's secret key (sk_test_… or sk_live_…): creates direct charges on connected accounts.</summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// The platform's publishable key (pk_test_… or pk_live_…, the secret key's mode): buyers' browsers and apps load
    /// Stripe.js with it (and the connected account) to confirm a Connect payment. Not a secret.
    /// </summary>
    public string? PublishableKey { get; set; }

    /// <summary>The signing secret (whsec_…) of the platform's Connect webhook endpoint.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The platform's application fee on each Connect payment: basis points of the amount…</summary>
    [Range(0, 10_000)]
    public int ApplicationFeeBasisPoints { get; set; }

    /// <summary>…plus a fixed part in the currency's minor units.</summary>
    [Range(0, 1_000_000)]
    public long ApplicationFeeFixed { get; set; }

    /// <summary>Where Stripe's API lives; tests point it at a local stand-in. Null means Stripe's own.</summary>
    public string? ApiBase { get; set; }

    /// <summary>Whether tenants may save live keys (a test deployment never takes real money).</summary>
    public bool AllowLiveMode { get; set; }

    public bool PlatformConfigured => !string.IsNullOrWhiteSpace(SecretKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PlatformConfigured && StripeRules.LiveModeOf(SecretKey!) is null)
        {
            yield return new ValidationResult("Stripe:SecretKey must start with sk_test_ or sk_live_.", [nameof(SecretKey)]);
        }

        if (PlatformConfigured && StripeRules.LiveModeOf(SecretKey!) is { } live && StripeRules.PublishableLiveModeOf(PublishableKey) != live)
        {
            yield return new ValidationResult($"Stripe:PublishableKey must be the platform's {(live ? "pk_live_" : "pk_test_")}… key (the secret key's mode).",
                [nameof(PublishableKey)]);
        }

        if (ApiBase is not null && !Uri.TryCreate(ApiBase, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Stripe:ApiBase must be an absolute URL.", [nameof(ApiBase)]);
        }
    }
}
