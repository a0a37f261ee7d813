using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.AntiScalping.Challenge;
using Platform.Api.Storefront;
using Platform.Events;
using Platform.Events.SaleFacts;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Payments;
using Platform.Persistence;
using Platform.Pricing.Quotes;
using Platform.Sales;

namespace Platform.Api.Pages.Storefront.Checkout;

/// <summary>
/// Checkout of one hold: the countdown (extend once, release), the price explained, the buyer's details and terms,
/// then payment: through the sandbox provider here, or — for a tenant that takes Stripe — on the order's pay page with
/// Stripe's Payment Element (<see cref="StorefrontStripe"/>). Idempotent by construction: the hold is the submit's key — the
/// database allows one order per hold, an order already placed for it is reused, and a paid order is never paid
/// again — so a double click, a retry after a decline or a reload never makes a second order or a second charge.
/// </summary>
[AllowAnonymous]
public sealed class CheckoutModel(PlatformDbContext db, HoldService holds, OrderService orders, PaymentService payments,
    EventQuoteBuilder builder, PricingQuoteService quotes, CheckoutState state, StorefrontStripe stripe, TimeProvider clock,
    EventSaleFactsCache saleFacts, ILogger<CheckoutModel> logger) : StorefrontPage
{
    public Hold? Hold { get; private set; }

    public Event? Event { get; private set; }

    public EventOccurrence? Occurrence { get; private set; }

    public QuoteResponse? Quote { get; private set; }

    public IReadOnlyDictionary<Guid, string> TypeNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The seats held (reserved seating), as section · row · seat, so a best-available buyer sees where they sit.</summary>
    public IReadOnlyList<string> HeldSeats { get; private set; } = [];

    /// <summary>Why the hold cannot be checked out any more (expired, released, unknown); the page then offers to start again.</summary>
    public string? Ended { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Whether the event names each ticket's holder (optional or required), and how many tickets there are to name.</summary>
    public Platform.Tickets.TicketHolderNames HolderNames { get; private set; }

    public int TicketCount { get; private set; }

    /// <summary>Anti-scalping asked for the e-mailed code just now (the page says where it went).</summary>
    public bool ChallengeSent { get; private set; }

    /// <summary>The tenant takes Stripe: no card field here, the Payment Element follows on the pay page.</summary>
    public bool PaysWithStripe { get; private set; }

    [BindProperty]
    public BuyerForm Buyer { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid holdId, CancellationToken ct) =>
        await LoadAsync(holdId, ct) is { } redirect ? redirect : Page();

    public async Task<IActionResult> OnPostPayAsync(Guid holdId, CancellationToken ct)
    {
        if (await LoadAsync(holdId, ct) is { } redirect)
        {
            return redirect;
        }

        if (Ended is not null)
        {
            return Page();
        }

        Validate();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var selection = state.ReadHold(holdId)!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var orderId = await PlaceOnceAsync(selection, ct);
                var detail = (await orders.FindDetailAsync(orderId, ct))!;
                if (PaysWithStripe && detail.Order.State != OrderState.Paid)
                {
                    // Null: Stripe already reports the intent succeeded (a second click after paying in another tab).
                    if (await stripe.StartAsync(detail.Order, ct) is null)
                    {
                        return Confirmed(orderId);
                    }

                    state.GrantOrder(Shop.Slug, orderId);
                    return Redirect($"{Root}/orders/{orderId}/pay");
                }

                if (detail.Order.State != OrderState.Paid)
                {
                    await payments.PayAsync(detail, new PayRequest("sandbox", Buyer.Card!.Trim(), null), boxOfficeAllowed: false, null, ct);
                }

                return Confirmed(orderId);
            }
            catch (ApiException ex)
            {
                db.ChangeTracker.Clear();
                if (ex.Code == "order_already_paid" && await OrderOfHoldAsync(ct) is { } paid)
                {
                    // The other click of a double click paid it: show the one order both clicks made.
                    return Confirmed(paid);
                }

                if (Challenged(ex))
                {
                    return Page();
                }

                Problem = Explain(ex);
                return Page();
            }
            catch (Exception ex) when (attempt < 3 && IsCollision(ex))
            {
                // Both clicks of a double click reached the database at once and PostgreSQL aborted this one (a
                // deadlock or a unique index). Nothing of it committed, so doing it again is safe: it waits for the
                // other click and then finds the order placed and paid. A page answers HTML, never the API's 409.
                logger.LogInformation(ex, "Checkout of hold {HoldId} collided with another submit (attempt {Attempt}); trying again", holdId, attempt);
                db.ChangeTracker.Clear();
            }
            catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException)
            {
                // Still failing after the retries: say so on the page (nothing was charged twice: every payment runs
                // in one transaction), and keep the cause in the log (a double submit gave a 500 once in CI, cause unseen).
                logger.LogWarning(ex, "Checkout of hold {HoldId} failed at the database after {Attempt} attempts", holdId, attempt);
                db.ChangeTracker.Clear();
                if (await OrderOfHoldAsync(ct) is { } placed && await db.Set<Order>().AsNoTracking().AnyAsync(o => o.Id == placed && o.State == OrderState.Paid, ct))
                {
                    return Confirmed(placed);
                }

                Problem = T["error.general"];
                return Page();
            }
        }
    }

    /// <summary>
    /// Anti-scalping's e-mail code: asked for (the page shows the code field with the challenge id in the form), a wrong
    /// code (beside the field), or one that can no longer pass (the next submit asks for a new code). False for any other problem.
    /// </summary>
    private bool Challenged(ApiException ex)
    {
        switch (ex.Code)
        {
            case RiskChallenges.RequiredCode when ex.Extensions?.GetValueOrDefault("challengeId") is Guid id:
                Buyer.ChallengeId = id;
                Buyer.ChallengeCode = null;
                ChallengeSent = true;
                return true;
            case RiskChallenges.WrongCode:
                Errors["challengeCode"] = Explain(ex);
                return true;
            case RiskChallenges.LockedCode or RiskChallenges.ExpiredCode or RiskChallenges.InvalidCode:
                Buyer.ChallengeId = null;
                Buyer.ChallengeCode = null;
                Problem = Explain(ex);
                return true;
            default:
                return false;
        }
    }

    private static bool IsCollision(Exception ex) => ex is DbUpdateConcurrencyException
        || (ex as DbUpdateException)?.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure or Npgsql.PostgresErrorCodes.DeadlockDetected };

    public async Task<IActionResult> OnPostExtendAsync(Guid holdId, CancellationToken ct)
    {
        if (await LoadAsync(holdId, ct) is { } redirect)
        {
            return redirect;
        }

        if (Ended is null)
        {
            try
            {
                Hold = await holds.ExtendAsync(Hold!, ct);
            }
            catch (ApiException ex)
            {
                Problem = Explain(ex);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid holdId, CancellationToken ct)
    {
        if (await LoadAsync(holdId, ct) is { } redirect)
        {
            return redirect;
        }

        if (Ended is null)
        {
            try
            {
                await holds.ReleaseAsync(Hold!, ct);
            }
            catch (ApiException)
            {
                // Already over (an order was placed or it expired): nothing of the buyer's is held any more either way.
            }
        }

        state.ForgetHold(Shop.Slug, holdId);
        return Redirect(Event is null ? Root : $"{Root}/events/{Event.Id}");
    }

    private IActionResult Confirmed(Guid orderId)
    {
        state.GrantOrder(Shop.Slug, orderId);
        state.ForgetHold(Shop.Slug, Hold!.Id);
        return Redirect($"{Root}/orders/{orderId}");
    }

    /// <summary>The order of this hold: the one placed before (a retry after a decline, the second click) or a new one.</summary>
    private async Task<Guid> PlaceOnceAsync(HeldSelection selection, CancellationToken ct)
    {
        if (await OrderOfHoldAsync(ct) is { } existing)
        {
            return existing;
        }

        var held = await holds.FindWithItemsAsync(Hold!.Id, ct) ?? throw new ConflictException("hold_not_active", "The hold is gone.");
        var buyer = new BuyerRequest(Buyer.Name!.Trim(), Buyer.Email!.Trim(), string.IsNullOrWhiteSpace(Buyer.Phone) ? null : Buyer.Phone.Trim());
        IReadOnlyList<TicketHolderRequest>? holders = HolderNames == Platform.Tickets.TicketHolderNames.Buyer ? null
            : [.. Enumerable.Range(0, TicketCount).Select(i => new TicketHolderRequest(Buyer.Holders.ElementAtOrDefault(i)?.Trim(), null))];
        try
        {
            var (order, _, _) = await orders.CreateAsync(held, new CreateOrderRequest(Hold.Id, buyer, selection.PromoCode, null, holders,
                Buyer.ChallengeId, Buyer.ChallengeId is null ? null : Buyer.ChallengeCode?.Trim()), null, ct);
            return order.Id;
        }
        catch (ConflictException ex) when (ex.Code == "hold_already_ordered")
        {
            // Lost the race to the other click: its order (committed, or the unique index would not have refused) is ours.
            db.ChangeTracker.Clear();
            return await OrderOfHoldAsync(ct) ?? throw new ConflictException(ex.Code, ex.Message);
        }
    }

    private async Task<Guid?> OrderOfHoldAsync(CancellationToken ct)
    {
        var holdId = Hold!.Id;
        return await db.Set<Order>().AsNoTracking().Where(o => o.HoldId == holdId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
    }

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(Buyer.Name) || Buyer.Name.Length > 200)
        {
            Errors["name"] = T["checkout.error.name"];
        }

        if (string.IsNullOrWhiteSpace(Buyer.Email) || Buyer.Email.Length > 254 || !new EmailAddressAttribute().IsValid(Buyer.Email.Trim()))
        {
            Errors["email"] = T["checkout.error.email"];
        }

        if (Buyer.Phone is { Length: > 40 })
        {
            Errors["phone"] = T["checkout.error.phone"];
        }

        if (HolderNames == Platform.Tickets.TicketHolderNames.Required
            && Enumerable.Range(0, TicketCount).Any(i => string.IsNullOrWhiteSpace(Buyer.Holders.ElementAtOrDefault(i))))
        {
            Errors["holders"] = T["checkout.error.holders"];
        }

        if (Buyer.Holders.Any(h => h is { Length: > 200 }))
        {
            Errors["holders"] = T["checkout.error.name"];
        }

        if (!Buyer.Terms)
        {
            Errors["terms"] = T["checkout.error.terms"];
        }

        if (!PaysWithStripe && (string.IsNullOrWhiteSpace(Buyer.Card) || Buyer.Card.Length > 40))
        {
            Errors["card"] = T["checkout.error.card"];
        }

        if (Buyer.ChallengeId is not null && (Buyer.ChallengeCode?.Trim() is not { Length: 6 } code || !code.All(char.IsAsciiDigit)))
        {
            Errors["challengeCode"] = T["checkout.error.challenge"];
        }
    }

    /// <summary>
    /// The hold and what is shown with it; a missing or tampered hold cookie, another tenant's or an unknown hold all
    /// read the same: "this checkout has ended". A hold that already became a paid order of this browser goes to it.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(Guid holdId, CancellationToken ct)
    {
        var selection = state.ReadHold(holdId);
        var hold = selection is null ? null : await holds.FindAsync(holdId, ct);
        if (hold is null || !HoldService.TokenMatches(selection!.HoldToken, hold.TokenHash))
        {
            Ended = T["checkout.ended.unknown"];
            return null;
        }

        Hold = hold;
        PaysWithStripe = await stripe.TakesStripeAsync(ct);
        if (HttpMethods.IsGet(Request.Method))
        {
            Buyer.Email ??= selection.Email;
        }

        // The event, its ticket types and its holder-name setting come from the sale-facts cache the hold and the order
        // read too (at most 2 s stale; placing the order checks again), so a checkout page view reads no catalog rows.
        var facts = await saleFacts.GetAsync(db, hold.TenantId, hold.EventId, fresh: false, ct);
        Event = facts?.Event;
        Occurrence = await db.Set<EventOccurrence>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == hold.OccurrenceId, ct);
        TypeNames = facts?.TicketTypes.ToDictionary(t => t.Key, t => t.Value.Name) ?? [];
        HolderNames = facts?.HolderNames ?? Platform.Tickets.TicketHolderNames.Buyer;
        var effective = holds.EffectiveState(hold);
        if (effective == HoldState.Converted && await OrderOfHoldAsync(ct) is { } paid)
        {
            return Confirmed(paid);
        }

        if (effective != HoldState.Active)
        {
            Ended = effective == HoldState.Expired ? T["checkout.ended.expired"] : T["checkout.ended.released"];
            return null;
        }

        HeldSeats = await HeldSeatsAsync(hold.Id, ct);
        TicketCount = hold.Quantity;
        try
        {
            var input = await builder.BuildAsync(Event!, new QuoteRequest(CheckoutLines.ToQuote(selection.Lines), selection.PromoCode,
                string.IsNullOrWhiteSpace(Buyer.Email) ? null : Buyer.Email.Trim(), SalesChannel.Web), ct);
            Quote = await quotes.QuoteAsync(input, ct);
        }
        catch (ApiException ex)
        {
            Problem = Explain(ex);
        }

        return null;
    }

    private async Task<List<string>> HeldSeatsAsync(Guid holdId, CancellationToken ct)
    {
        var ids = (await holds.FindWithItemsAsync(holdId, ct))?.Items.SelectMany(i => i.SeatIds).ToList() ?? [];
        if (ids.Count == 0)
        {
            return [];
        }

        return await (from seat in db.Set<Platform.Venues.Seat>().AsNoTracking()
                      join section in db.Set<Platform.Venues.VenueSection>().AsNoTracking() on seat.SectionId equals section.Id
                      where ids.Contains(seat.Id)
                      orderby section.Code, seat.Ordinal
                      select section.Name + " · " + seat.RowLabel + " · " + seat.SeatLabel).ToListAsync(ct);
    }

    public int SecondsLeft => Hold is null ? 0 : (int)Math.Max(0, (Hold.ExpiresAt - clock.GetUtcNow()).TotalSeconds);
}

public sealed class BuyerForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public bool Terms { get; set; }

    /// <summary>Each ticket's holder, in the order of the tickets, when the event names holders.</summary>
    public List<string?> Holders { get; set; } = [];

    /// <summary>The sandbox's card number or test token (tok_visa, 4242 4242 4242 4242; 4000 0000 0000 0002 declines).</summary>
    public string? Card { get; set; }

    /// <summary>The anti-scalping challenge this browser was asked to answer (a hidden field), and the code from the e-mail.</summary>
    public Guid? ChallengeId { get; set; }

    public string? ChallengeCode { get; set; }
}
