using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Persistence;
using Platform.Tenancy;
using Stripe;

namespace Platform.Payments.Stripe;

/// <summary>
/// The "stripe" provider as <see cref="PaymentService"/> sees it: refunds (full or per ticket) through Stripe's Refund
/// API. Charging is not synchronous: buyers start a PaymentIntent (<see cref="StripeCheckout"/>) and the webhook
/// completes the order, so <see cref="ChargeAsync"/> declines.
/// </summary>
internal sealed class StripePaymentProvider(
    StripeAccounts accounts, StripeGateway gateway, PlatformDbContext db, TenantContext tenant, IOptions<StripeOptions> options) : IPaymentProvider
{
    public const string ProviderName = "stripe";

    public string Name => ProviderName;

    /// <summary>The platform key's mode; each payment row carries the mode its intent really had.</summary>
    public bool TestMode => options.Value.SecretKey is not { } key || StripeRules.LiveModeOf(key) != true;

    public bool BoxOfficeOnly => false;

    public Task<ProviderResult> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
        Task.FromResult(new ProviderResult(false, null, "confirmation_required",
            "Stripe payments are confirmed by the buyer with the PaymentIntent's client secret; the webhook completes them."));

    public async Task<ProviderResult> RefundAsync(ProviderRefund refund, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var intent = await db.Set<StripePaymentIntent>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == refund.PaymentReference && i.OwnerTenantId == tenantId, ct);
        if (intent is null)
        {
            return new ProviderResult(false, null, "unknown_payment_intent", "The Stripe payment of this order is not known.");
        }

        try
        {
            var made = await gateway.RefundAsync(await accounts.CredentialsForAsync(intent, ct), intent.Id, refund.Amount, refund.Reason, tenantId,
                refund.OrderId, refund.IdempotencyKey, ct);
            return made.Status is "failed" or "canceled"
                ? new ProviderResult(false, made.Id, made.Status, $"Stripe answered the refund with status {made.Status}.")
                : new ProviderResult(true, made.Id);
        }
        catch (StripeException e)
        {
            return new ProviderResult(false, null, e.StripeError?.Code ?? "stripe_error", $"Stripe refused the refund: {e.Message}");
        }
    }
}
