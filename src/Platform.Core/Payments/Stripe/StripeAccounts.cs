using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Payments.Stripe;

/// <summary>
/// What a Stripe call for one tenant needs: the key, the Stripe-Account header (Connect), the webhook secret and the
/// mode; and the publishable key the buyer's Stripe.js confirms with.
/// </summary>
internal sealed record StripeCredentials(string ApiKey, string? ConnectedAccountId, string? WebhookSecret, bool LiveMode, string? PublishableKey)
{
    /// <summary>An application fee exists only on a connected account's charge.</summary>
    public bool TakesApplicationFee => ConnectedAccountId is not null;
}

/// <summary>The tenant's Stripe account: set (secrets encrypted with Data Protection), read without secrets, resolved for calls.</summary>
public sealed class StripeAccounts(PlatformDbContext db, IDataProtectionProvider protection, IOptions<StripeOptions> options, AuditLog audit,
    TimeProvider clock)
{
    public const string WebhookPath = "/api/v1/payments/stripe/webhook";

    private readonly IDataProtector protector = protection.CreateProtector("Platform.Payments.Stripe.Keys.v1");

    public Task<StripeAccount?> FindAsync(CancellationToken ct) => db.Set<StripeAccount>().FirstOrDefaultAsync(ct);

    public async Task<StripeAccount> SetAsync(SetStripeAccountRequest request, string? updatedBy, CancellationToken ct)
    {
        var platform = options.Value;
        bool liveMode;
        if (request.ConnectedAccountId is not null)
        {
            if (!platform.PlatformConfigured)
            {
                throw new UnprocessableException("stripe_not_configured",
                    "The platform has no Stripe key, so Connect accounts cannot be charged; use your own keys or ask the operator.");
            }

            liveMode = StripeRules.LiveModeOf(platform.SecretKey!)!.Value;
        }
        else
        {
            liveMode = StripeRules.LiveModeOf(request.SecretKey!)!.Value;
            if (liveMode && !platform.AllowLiveMode)
            {
                throw new UnprocessableException("live_mode_not_allowed", "This deployment takes test-mode Stripe keys only (sk_test_…).",
                    new Dictionary<string, string[]> { ["secretKey"] = ["A live key is not allowed here."] });
            }
        }

        var account = await FindAsync(ct);
        if (account is null)
        {
            account = new StripeAccount();
            db.Add(account);
        }

        var kind = request.ConnectedAccountId is null ? StripeAccountKind.OwnKeys : StripeAccountKind.Connect;
        // The audit entry names what changed, never a secret: the key appears as its last 4 characters.
        var changes = new Dictionary<string, FieldChange>
        {
            ["kind"] = new(account.ConnectedAccountId is null && account.SecretKeyProtected is null ? null : account.Kind, kind),
            ["connectedAccountId"] = new(account.ConnectedAccountId, request.ConnectedAccountId),
            ["secretKeyLast4"] = new(account.SecretKeyLast4, request.SecretKey?[^4..]),
        };
        account.Kind = kind;
        account.ConnectedAccountId = request.ConnectedAccountId;
        account.SecretKeyProtected = request.SecretKey is null ? null : protector.Protect(request.SecretKey);
        account.SecretKeyLast4 = request.SecretKey?[^4..];
        account.WebhookSecretProtected = request.WebhookSecret is null ? null : protector.Protect(request.WebhookSecret);
        account.PublishableKey = request.PublishableKey;
        account.LiveMode = liveMode;
        account.UpdatedAt = clock.GetUtcNow();
        account.UpdatedBy = updatedBy;
        audit.Record("stripe_account.set", "stripe_account", account.Id.ToString(), changes);
        await db.SaveChangesAsync(ct);
        return account;
    }

    public async Task<bool> DeleteAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } account)
        {
            return false;
        }

        db.Remove(account);
        audit.Record("stripe_account.removed", "stripe_account", account.Id.ToString());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The current tenant's credentials, or a 422 stripe_not_configured when it cannot take Stripe payments.</summary>
    internal async Task<StripeCredentials> ResolveAsync(CancellationToken ct) =>
        Resolve(await FindAsync(ct)) ?? throw new UnprocessableException("stripe_not_configured",
            "Stripe is not set up for this organizer: a tenant admin sets a Stripe account first (PUT /api/v1/payments/stripe/account).");

    internal StripeCredentials? Resolve(StripeAccount? account)
    {
        var platform = options.Value;
        return account switch
        {
            { Kind: StripeAccountKind.Connect } when platform.PlatformConfigured =>
                new StripeCredentials(platform.SecretKey!, account.ConnectedAccountId, platform.WebhookSecret, account.LiveMode, platform.PublishableKey),
            { Kind: StripeAccountKind.OwnKeys } => new StripeCredentials(protector.Unprotect(account.SecretKeyProtected!), null,
                protector.Unprotect(account.WebhookSecretProtected!), account.LiveMode, account.PublishableKey),
            _ => null,
        };
    }

    /// <summary>
    /// Credentials for an existing intent: a Connect intent stays on the account it was created on (platform key +
    /// Stripe-Account), an own-keys intent uses the tenant's key.
    /// </summary>
    internal async Task<StripeCredentials> CredentialsForAsync(StripePaymentIntent intent, CancellationToken ct)
    {
        var platform = options.Value;
        if (intent.ConnectedAccountId is not null)
        {
            return platform.PlatformConfigured
                ? new StripeCredentials(platform.SecretKey!, intent.ConnectedAccountId, platform.WebhookSecret, intent.LiveMode, platform.PublishableKey)
                : throw new UnprocessableException("stripe_not_configured", "The platform's Stripe key is no longer configured.");
        }

        return Resolve(await FindAsync(ct)) is { ConnectedAccountId: null } own
            ? own
            : throw new UnprocessableException("stripe_not_configured", "The tenant's own Stripe keys are no longer set.");
    }

    public StripeAccountResponse ToResponse(StripeAccount account) => new(account.Kind, account.ConnectedAccountId, account.SecretKeyLast4,
        account.WebhookSecretProtected is not null, account.LiveMode ? "live" : "test",
        account.Kind == StripeAccountKind.Connect ? options.Value.ApplicationFeeBasisPoints : 0,
        account.Kind == StripeAccountKind.Connect ? options.Value.ApplicationFeeFixed : 0, WebhookPath, account.UpdatedAt, PublishableKeyOf(account));

    /// <summary>The key a buyer's Stripe.js confirms this account's payments with: the platform's for Connect, the tenant's own otherwise.</summary>
    public string? PublishableKeyOf(StripeAccount account) =>
        account.Kind == StripeAccountKind.Connect ? options.Value.PublishableKey : account.PublishableKey;
}
