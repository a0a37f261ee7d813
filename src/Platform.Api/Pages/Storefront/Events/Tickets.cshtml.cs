using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Storefront;
using Platform.Catalog;
using Platform.Events;
using Platform.Holds;
using Platform.Http;
using Platform.Persistence;
using Platform.Pricing;
using Platform.Pricing.Quotes;
using Platform.Pricing.Rules;
using Platform.Sales;

namespace Platform.Api.Pages.Storefront.Events;

/// <summary>
/// Ticket selection for one occurrence: a quantity per ticket type and audience (adult always; child, senior, student
/// when the tenant has a rule for them), a promo code, the price explained line by line from the quote service
/// ("Update price"), then "Continue" holds the tickets through the hold service and goes to checkout. Works without
/// JavaScript; the script only re-quotes as quantities change.
/// </summary>
[AllowAnonymous]
public sealed class TicketsModel(PlatformDbContext db, StorefrontAvailability availability, EventQuoteBuilder builder, PricingQuoteService quotes,
    HoldService holds, CheckoutState state, TimeProvider clock) : StorefrontPage, IBehindWaitingRoom
{
    public Event Event { get; private set; } = null!;

    public EventOccurrence Occurrence { get; private set; } = null!;

    public IReadOnlyList<(TicketType Type, int Available)> Types { get; private set; } = [];

    public IReadOnlyList<Audience> Audiences { get; private set; } = [];

    public bool HasSeated { get; private set; }

    public List<SelectedLine> Selected { get; private set; } = [];

    [BindProperty]
    public string? PromoCode { get; set; }

    /// <summary>Asked before holding: a public hold counts per-buyer limits (and promo code limits) by email.</summary>
    [BindProperty]
    public string? Email { get; set; }

    public bool EmailInvalid { get; private set; }

    public QuoteResponse? Quote { get; private set; }

    public IReadOnlyDictionary<Guid, string> TypeNames => Types.ToDictionary(t => t.Type.Id, t => t.Type.Name);

    public int Chosen(Guid type, Audience audience) =>
        Selected.FirstOrDefault(l => l.TicketTypeId == type && l.Audience == audience)?.Quantity ?? 0;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid occurrenceId, CancellationToken ct) =>
        await LoadAsync(id, occurrenceId, ct) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostQuoteAsync(Guid id, Guid occurrenceId, CancellationToken ct)
    {
        if (!await LoadAsync(id, occurrenceId, ct))
        {
            return NotFoundPage();
        }

        await QuoteAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostHoldAsync(Guid id, Guid occurrenceId, CancellationToken ct)
    {
        if (!await LoadAsync(id, occurrenceId, ct))
        {
            return NotFoundPage();
        }

        Email = Email?.Trim();
        if (string.IsNullOrEmpty(Email) || Email.Length > 254 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(Email))
        {
            EmailInvalid = true;
            Problem = T["checkout.error.email"];
            await QuoteAsync(ct);
            return Page();
        }

        if (!await QuoteAsync(ct))
        {
            return Page();
        }

        try
        {
            var (hold, _, token) = await holds.CreateAsync(
                new CreateHoldRequest(Event.Id, Occurrence.Id, CheckoutLines.ToHold(Selected), Email, SalesChannel.Web),
                new HoldCaller(true, null, null), ct);
            state.SaveHold(Shop.Slug, hold.Id, new HeldSelection(token, Selected, Quote!.PromoCode, Email));
            return Redirect($"{Root}/checkout/{hold.Id}");
        }
        catch (ApiException ex)
        {
            db.ChangeTracker.Clear();
            Problem = Explain(ex);
            return Page();
        }
    }

    private string? ValidEmail => Email is { Length: > 0 and <= 254 } e && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(e.Trim())
        ? e.Trim() : null;

    private async Task<bool> QuoteAsync(CancellationToken ct)
    {
        Selected = CheckoutLines.FromForm(Request.Form, Types.Select(t => t.Type.Id).ToHashSet(), Audiences);
        PromoCode = string.IsNullOrWhiteSpace(PromoCode) ? null : PromoCode.Trim();
        if (Selected.Count == 0)
        {
            Problem = T["error.no_tickets"];
            return false;
        }

        if (PromoCode is { Length: > 40 })
        {
            Problem = T["error.promo_unknown"];
            return false;
        }

        try
        {
            var input = await builder.BuildAsync(Event, new QuoteRequest(CheckoutLines.ToQuote(Selected), PromoCode, ValidEmail, SalesChannel.Web), ct);
            Quote = await quotes.QuoteAsync(input, ct);
            return true;
        }
        catch (ApiException ex)
        {
            Problem = Explain(ex);
            return false;
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid occurrenceId, CancellationToken ct)
    {
        if (await CatalogQueries.Listed(db).FirstOrDefaultAsync(e => e.Id == id, ct) is not { } ev
            || await db.Set<EventOccurrence>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == occurrenceId && o.EventId == id, ct) is not { } occurrence)
        {
            return false;
        }

        (Event, Occurrence) = (ev, occurrence);
        var offered = (await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == id).OrderBy(t => t.PriceMinor).ToListAsync(ct))
            .Where(t => CatalogQueries.Offers(t, SalesChannel.Web)).ToList();
        var left = (await availability.OfAsync(Shop.Id, ev, occurrenceId, null, ct)).TicketTypes.ToDictionary(t => t.TicketTypeId, t => t.Available);
        HasSeated = offered.Any(t => t.Kind == TicketKind.Seated);
        Types = [.. offered.Where(t => t.Kind != TicketKind.Seated).Select(t => (t, left.GetValueOrDefault(t.Id)))];
        var now = clock.GetUtcNow();
        var discounted = (await PricingQuoteService.ActiveRulesAsync(db, id, ct))
            .Where(r => r.Kind == PricingRuleKind.AudienceDiscount && r.Audience is not null && (r.ValidUntil is null || r.ValidUntil > now))
            .Select(r => r.Audience!.Value);
        Audiences = [.. new[] { Audience.Adult }.Concat(discounted).Distinct().Order()];
        return true;
    }
}
