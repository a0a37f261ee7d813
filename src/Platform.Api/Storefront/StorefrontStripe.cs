using Microsoft.EntityFrameworkCore;
using Platform.Orders;
using Platform.Payments;
using Platform.Payments.Stripe;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Api.Storefront;

/// <summary>
/// The storefront's Stripe path (issue #14): a tenant with a Stripe account that Stripe.js can confirm with (a
/// publishable key: the platform's for Connect, the tenant's own otherwise) takes payment through Stripe's Payment
/// Element on the order's pay page; every other tenant keeps the sandbox. The order becomes paid only from Stripe's
/// own answer — the webhook, or the intent retrieved server-side when the buyer comes back — never from the browser.
/// </summary>
public sealed class StorefrontStripe(StripeAccounts accounts, IEnumerable<IPaymentSessionProvider> sessions, PlatformDbContext db, TenantContext tenant)
{
    /// <summary>Whether this tenant's buyers pay with Stripe (read per checkout: a tenant that just connected switches at once).</summary>
    public async Task<bool> TakesStripeAsync(CancellationToken ct) =>
        await accounts.FindAsync(ct) is { } account && accounts.Resolve(account) is { PublishableKey: not null };

    /// <summary>
    /// Starts or resumes the order's PaymentIntent (one per order, so a reload or a second tab confirms the same one).
    /// Null when Stripe reports it already succeeded: the order has just been completed as paid from that answer.
    /// </summary>
    public Task<PaymentSession?> StartAsync(Order order, CancellationToken ct) =>
        sessions.Single(s => s.Name == StripePaymentProvider.ProviderName).StartAsync(order, null, ct);

    /// <summary>Whether a PaymentIntent was started for the order (the pay page was reached at least once).</summary>
    public Task<bool> HasIntentAsync(Guid orderId, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        return db.Set<StripePaymentIntent>().AsNoTracking().AnyAsync(i => i.OwnerTenantId == tenantId && i.OrderId == orderId, ct);
    }
}
