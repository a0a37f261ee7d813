using Microsoft.EntityFrameworkCore;
using Platform.Http;
using Platform.Money;
using Platform.Persistence;
using Platform.Pricing.Engine;
using Platform.Pricing.Rules;
using Platform.Pricing.Vouchers;
using Platform.Tenancy;

namespace Platform.Pricing.Quotes;

/// <summary>
/// Prices an order for an event: loads the tenant's active rules for the event and the promo code's usage, runs the
/// pure engine at the current time, and returns the explained quote. Invalid input and refused codes are 422s naming
/// the field.
/// </summary>
public sealed class PricingQuoteService(PlatformDbContext db, TenantContext tenant, TimeProvider clock)
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 100;

    public Task<QuoteResponse> QuoteAsync(QuoteInput input, CancellationToken ct) => QuoteAsync(input, null, ct);

    /// <summary>Prices with <paramref name="activeRules"/> when the caller has them (cached sale facts), else reads them.</summary>
    public async Task<QuoteResponse> QuoteAsync(QuoteInput input, IReadOnlyList<PricingRule>? activeRules, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Fail closed: without a tenant the query filter would hide every rule and quote the bare price.
        _ = tenant.RequiredTenantId;
        Validate(input);
        var now = clock.GetUtcNow();
        var eventId = input.EventId;
        var rules = activeRules ?? await ActiveRulesAsync(db, eventId, ct);

        var engineInput = new PricingInput(
            input.Currency,
            [.. input.Lines.Select(l => new PricingLineInput(l.TicketTypeId, l.PriceZoneId, l.Audience, l.Quantity, l.UnitPrice))],
            [.. rules.Select(r => r.ToDefinition())],
            input.Channel,
            now)
        {
            Promo = await LoadPromoAsync(input, ct),
            TicketsAlreadySold = input.TicketsAlreadySold,
        };

        var result = PricingEngine.Price(engineInput);
        if (result.Refusal is { } refusal)
        {
            throw Refused(refusal.Code, refusal.Field, refusal.Message);
        }

        return QuoteResponse.From(eventId, result.Quote!, now);
    }

    /// <summary>The tenant's active rules that apply to the event (tenant-wide ones included), in application order.</summary>
    public static Task<List<PricingRule>> ActiveRulesAsync(PlatformDbContext db, Guid eventId, CancellationToken ct) =>
        db.Set<PricingRule>().AsNoTracking()
            .Where(r => r.Active && (r.EventIds.Count == 0 || r.EventIds.Contains(eventId)))
            .OrderBy(r => r.Id)
            .ToListAsync(ct);

    private async Task<PromoDefinition?> LoadPromoAsync(QuoteInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.PromoCode))
        {
            return null;
        }

        var code = Voucher.Normalize(input.PromoCode);
        var voucher = await db.Set<Voucher>().AsNoTracking().FirstOrDefaultAsync(v => v.NormalizedCode == code && v.Active, ct);
        if (voucher is null || (voucher.EventIds.Count > 0 && !voucher.EventIds.Contains(input.EventId)))
        {
            throw Refused("promo_unknown", "promoCode", $"The code {input.PromoCode.Trim()} is not valid for this event.");
        }

        var email = VoucherRedemption.NormalizeEmail(input.BuyerEmail);
        var usedTotal = await db.Set<VoucherRedemption>().CountAsync(r => r.VoucherId == voucher.Id, ct);
        int? usedByBuyer = email is null ? null
            : await db.Set<VoucherRedemption>().CountAsync(r => r.VoucherId == voucher.Id && r.BuyerEmail == email, ct);
        return new PromoDefinition(voucher.Id, voucher.Code, new Adjustment(voucher.ValueType, voucher.BasisPoints, voucher.Amount, voucher.Currency))
        {
            ValidFrom = voucher.ValidFrom,
            ValidUntil = voucher.ValidUntil,
            MaxUses = voucher.MaxUses,
            MaxUsesPerBuyer = voucher.MaxUsesPerBuyer,
            TicketTypeIds = voucher.TicketTypeIds,
            UsedTotal = usedTotal,
            UsedByBuyer = usedByBuyer,
        };
    }

    private static void Validate(QuoteInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Currencies.IsKnown(input.Currency))
        {
            errors["currency"] = ["currency must be an ISO 4217 code such as EUR."];
        }

        if (input.Lines is not { Count: > 0 and <= MaxLines })
        {
            errors["lines"] = [$"lines must hold 1 to {MaxLines} lines."];
        }
        else
        {
            for (var i = 0; i < input.Lines.Count; i++)
            {
                if (input.Lines[i].Quantity is < 1 or > MaxQuantity)
                {
                    errors[$"lines[{i}].quantity"] = [$"quantity must be between 1 and {MaxQuantity}."];
                }

                if (input.Lines[i].UnitPrice is < 0 or > 1_000_000_000_000)
                {
                    errors[$"lines[{i}].unitPrice"] = ["unitPrice must be a non-negative amount in minor units."];
                }
            }
        }

        if (input.TicketsAlreadySold < 0)
        {
            errors["ticketsAlreadySold"] = ["ticketsAlreadySold must not be negative."];
        }

        if (input.PromoCode is { Length: > 40 })
        {
            errors["promoCode"] = ["promoCode must be at most 40 characters."];
        }

        if (errors.Count > 0)
        {
            throw new UnprocessableException("validation_failed", "One or more fields are invalid.", errors);
        }
    }

    private static UnprocessableException Refused(string code, string field, string message) =>
        new(code, message, new Dictionary<string, string[]> { [field] = [message] });
}
