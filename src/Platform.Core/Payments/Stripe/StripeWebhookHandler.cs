using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Http;
using Platform.Observability;
using Platform.Persistence;
using Platform.Tenancy;
using Stripe;

namespace Platform.Payments.Stripe;

/// <summary>What the webhook did with an event (Stripe only reads the status; this helps whoever reads the log).</summary>
public sealed record StripeWebhookResponse(string EventId, string Type, string Outcome);

/// <summary>
/// Verifies and dispatches a Stripe webhook. The tenant comes from our own record of the PaymentIntent the event is
/// about (stripe_payment_intents, readable without a tenant), which also decides the signing secret: the platform's
/// Connect endpoint secret for a connected account's intent, the tenant's own webhook secret otherwise. Only after
/// EventUtility verified the signature (300 s tolerance) is anything in the payload trusted: the event must then come
/// from the intent's account and mode, and each event id is handled once.
/// </summary>
internal sealed class StripeWebhookHandler(
    PlatformDbContext db, TenantContext tenant, StripeAccounts accounts, StripeCheckout checkout, IOptions<StripeOptions> options,
    LiveStats live)
{
    public const long ToleranceSeconds = 300;

    public async Task<StripeWebhookResponse> HandleAsync(string body, string? signature, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            throw Rejected("signature_missing", "The Stripe-Signature header is missing.");
        }

        var intentId = IntentIdOf(body);
        var intent = intentId is null ? null : await db.Set<StripePaymentIntent>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == intentId, ct);
        if (intent is null)
        {
            // Not about one of our intents. Still verify against the platform's secret, so only a genuine event is acknowledged.
            var unrelated = Verify(body, signature, options.Value.WebhookSecret);
            return new StripeWebhookResponse(unrelated.Id, unrelated.Type, "ignored");
        }

        if (tenant.TenantId is { } resolved && resolved != intent.OwnerTenantId)
        {
            throw Rejected("account_mismatch", "The event does not belong to the tenant this request was addressed to.");
        }

        tenant.Set(intent.OwnerTenantId);
        var account = await accounts.FindAsync(ct);
        var secret = intent.ConnectedAccountId is not null
            ? options.Value.WebhookSecret
            : account is { Kind: StripeAccountKind.OwnKeys } ? accounts.Resolve(account)?.WebhookSecret : null;
        var evt = Verify(body, signature, secret);

        if (!string.Equals(evt.Account, intent.ConnectedAccountId, StringComparison.Ordinal)
            || MetadataTenant(evt) is { } claimed && claimed != intent.OwnerTenantId.ToString())
        {
            throw Rejected("account_mismatch", "The event comes from a different Stripe account than the order's tenant uses.");
        }

        if (evt.Livemode != intent.LiveMode || (account is not null && account.LiveMode != evt.Livemode))
        {
            throw Rejected("mode_mismatch", $"A {(evt.Livemode ? "live" : "test")}-mode event for a {(intent.LiveMode ? "live" : "test")}-mode payment.");
        }

        var reference = new StripeEventRef(evt.Id, evt.Type);
        var declineCode = (evt.Data.Object as PaymentIntent)?.LastPaymentError is { } error ? error.DeclineCode ?? error.Code : null;
        var outcome = evt.Type switch
        {
            "payment_intent.succeeded" => await checkout.PaymentSucceededAsync(intent, reference, ct),
            "payment_intent.payment_failed" => await checkout.PaymentFailedAsync(intent, reference, declineCode, ct),
            "charge.refunded" when evt.Data.Object is Charge charge => await checkout.ChargeRefundedAsync(intent, reference, charge.AmountRefunded,
                charge.Refunds?.Data?.OrderByDescending(r => r.Created).FirstOrDefault()?.Id, ct),
            _ => await MarkOnlyAsync(reference, ct),
        };
        await CountOutcomeAsync(evt.Type, outcome, declineCode, intent, ct);
        return new StripeWebhookResponse(evt.Id, evt.Type, outcome);
    }

    /// <summary>
    /// The payment outcomes the request never saw (it answered 202), counted once per event: a duplicate delivery
    /// answers "duplicate" and counts nothing. A success for an order that could no longer take it is refunded.
    /// </summary>
    private async Task CountOutcomeAsync(string type, string outcome, string? declineCode, StripePaymentIntent intent, CancellationToken ct)
    {
        const string Stripe = StripePaymentProvider.ProviderName;
        var tenantId = intent.OwnerTenantId;
        switch (type, outcome)
        {
            case ("payment_intent.succeeded", "paid"):
                PlatformMetrics.AsyncPaymentOutcome(Stripe, "paid", tenantId);
                live.RecordPaymentOutcome(tenantId, await EventOfAsync(intent, ct), paid: true, null);
                break;
            case ("payment_intent.succeeded", "refunded_automatically" or "refund_recorded"):
                PlatformMetrics.AsyncPaymentOutcome(Stripe, "refunded_unpayable", tenantId);
                break;
            case ("payment_intent.payment_failed", "failed_recorded"):
                var code = declineCode ?? "payment_failed";
                PlatformMetrics.AsyncPaymentOutcome(Stripe, "failed", tenantId);
                PlatformMetrics.ProviderError(Stripe, code);
                live.RecordPaymentOutcome(tenantId, await EventOfAsync(intent, ct), paid: false, code);
                break;
        }
    }

    private Task<Guid?> EventOfAsync(StripePaymentIntent intent, CancellationToken ct) =>
        db.Set<Orders.Order>().AsNoTracking().Where(o => o.Id == intent.OrderId).Select(o => (Guid?)o.EventId).FirstOrDefaultAsync(ct);

    private async Task<string> MarkOnlyAsync(StripeEventRef evt, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var first = await checkout.MarkAsync(evt, ct);
        await transaction.CommitAsync(ct);
        return first ? "ignored" : "duplicate";
    }

    private static Event Verify(string body, string signature, string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw Rejected("signature_unverifiable", "No webhook secret is configured for this event's account.");
        }

        try
        {
            return EventUtility.ConstructEvent(body, signature, secret, ToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            throw Rejected("signature_invalid", "The Stripe signature does not match the payload, or its timestamp is older than 300 seconds.");
        }
        catch (Exception e) when (e is JsonException or Newtonsoft.Json.JsonException or ArgumentException or FormatException)
        {
            throw Rejected("invalid_payload", "The payload is not a Stripe event.");
        }
    }

    /// <summary>The PaymentIntent an event is about (payment_intent.* carry it, charge.* name it), read before verification only to pick the secret.</summary>
    private static string? IntentIdOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object
                || !obj.TryGetProperty("object", out var kind))
            {
                return null;
            }

            var field = kind.ValueKind == JsonValueKind.String && kind.GetString() == "payment_intent" ? "id" : "payment_intent";
            return obj.TryGetProperty(field, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            throw Rejected("invalid_payload", "The payload is not JSON.");
        }
    }

    private static string? MetadataTenant(Event evt) => evt.Data.Object switch
    {
        PaymentIntent pi => pi.Metadata?.GetValueOrDefault("tenant_id"),
        Charge charge => charge.Metadata?.GetValueOrDefault("tenant_id"),
        _ => null,
    };

    private static ApiException Rejected(string code, string detail) => new(400, code, detail);
}
