using System.ComponentModel.DataAnnotations;
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
using Platform.Sales;
using Platform.Venues;
using Platform.Venues.SectionViews;

namespace Platform.Api.Pages.Storefront.Events;

/// <summary>
/// Reserved seating for one occurrence: the venue's seated sections (an overview to pick one), the chosen section's
/// seats as an SVG map coloured by price zone with live state, "best available N" (a plain form, no JavaScript
/// needed), and holding the seats picked on the map (the page script turns clicks and keys into form fields). Holds
/// go through the hold service like the public API; a seat taken meanwhile answers the page again with the map as it
/// is now and says so.
/// </summary>
[AllowAnonymous]
public sealed class SeatsModel(PlatformDbContext db, StorefrontAvailability availability, HoldService holds, CheckoutState state) : StorefrontPage, IBehindWaitingRoom
{
    /// <summary>More seats than one buyer may hold at once are refused by the hold service anyway; this caps the form.</summary>
    public const int MaxSeats = 10;

    public Event Event { get; private set; } = null!;

    public EventOccurrence Occurrence { get; private set; } = null!;

    public IReadOnlyList<SectionAvailability> Sections { get; private set; } = [];

    public SectionAvailability? Section { get; private set; }

    public IReadOnlyDictionary<Guid, ZoneOffer> Zones { get; private set; } = new Dictionary<Guid, ZoneOffer>();

    /// <summary>The zones with seats in the chosen section, for its legend and the best-available choice.</summary>
    public IReadOnlyList<ZoneOffer> SectionZones { get; private set; } = [];

    public SeatMap? Map { get; private set; }

    /// <summary>The tenant's "view from the section" image of the chosen section, if one was uploaded (its URL changes with it).</summary>
    public string? ViewUrl { get; private set; }

    public string? OverviewBox { get; private set; }

    public bool HasGeneralAdmission { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    public bool EmailInvalid { get; private set; }

    /// <summary>Seats chosen on the map that are still free (kept when the page answers again after a refusal).</summary>
    public HashSet<Guid> Chosen { get; private set; } = [];

    /// <summary>The public availability endpoint the page script polls (ETag, at most one second old).</summary>
    public string AvailabilityUrl => $"/api/v1/public/tenants/{Shop.Slug}/events/{Event.Id}/occurrences/{Occurrence.Id}/availability?section={Section?.SectionId}";

    public string SeatsUrl(Guid section) => $"{Root}/events/{Event.Id}/{Occurrence.Id}/seats?section={section}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid occurrenceId, Guid? section, CancellationToken ct) =>
        await LoadAsync(id, occurrenceId, section, fresh: false, ct) ? Page() : NotFoundPage();

    /// <summary>Holds the seats picked on the map (posted as seat=…, one per seat).</summary>
    public async Task<IActionResult> OnPostSeatsAsync(Guid id, Guid occurrenceId, Guid? section, CancellationToken ct)
    {
        if (!await LoadAsync(id, occurrenceId, section, fresh: false, ct))
        {
            return NotFoundPage();
        }

        var picked = Request.Form["seat"].Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        if (picked.Count == 0 || picked.Count > MaxSeats)
        {
            Problem = picked.Count == 0 ? T["seats.none"] : T["seats.toomany", MaxSeats];
            return Page();
        }

        // Which zone (so which ticket type) each seat is sold in, from the occurrence's own seats: a seat of another
        // occurrence or event is simply unknown and refused below.
        var zoneOf = await db.Set<EventSeat>().AsNoTracking().Where(s => s.OccurrenceId == Occurrence.Id && picked.Contains(s.SeatId))
            .ToDictionaryAsync(s => s.SeatId, s => s.PriceZoneId, ct);
        var lines = new List<SelectedLine>();
        foreach (var group in picked.GroupBy(s => zoneOf.GetValueOrDefault(s)))
        {
            if (group.Key is not { } zone || !Zones.TryGetValue(zone, out var offer))
            {
                Problem = T["seats.notforsale"];
                return Page();
            }

            var seats = group.ToList();
            lines.Add(new SelectedLine(offer.TicketTypeId, Audience.Adult, seats.Count, seats));
        }

        return await HoldAsync(lines, picked, ct);
    }

    /// <summary>"Best available N in this section" for one price zone's ticket type: works without JavaScript.</summary>
    public async Task<IActionResult> OnPostBestAsync(Guid id, Guid occurrenceId, Guid? section, Guid? type, int? quantity, CancellationToken ct)
    {
        if (!await LoadAsync(id, occurrenceId, section, fresh: false, ct))
        {
            return NotFoundPage();
        }

        if (Section is null || SectionZones.FirstOrDefault(z => z.TicketTypeId == type) is not { } offer || quantity is not (> 0 and <= MaxSeats))
        {
            Problem = T["seats.bestinvalid"];
            return Page();
        }

        return await HoldAsync([new SelectedLine(offer.TicketTypeId, Audience.Adult, quantity.Value, null, Section.SectionId)], [], ct);
    }

    private async Task<IActionResult> HoldAsync(List<SelectedLine> lines, List<Guid> picked, CancellationToken ct)
    {
        Email = Email?.Trim();
        if (string.IsNullOrEmpty(Email) || Email.Length > 254 || !new EmailAddressAttribute().IsValid(Email))
        {
            EmailInvalid = true;
            Problem = T["checkout.error.email"];
            Chosen = [.. picked];
            return Page();
        }

        try
        {
            var (hold, _, token) = await holds.CreateAsync(
                new CreateHoldRequest(Event.Id, Occurrence.Id, CheckoutLines.ToHold(lines), Email, SalesChannel.Web), new HoldCaller(true, null, null), ct);
            state.SaveHold(Shop.Slug, hold.Id, new HeldSelection(token, lines, null, Email));
            return Redirect($"{Root}/checkout/{hold.Id}");
        }
        catch (ApiException ex)
        {
            db.ChangeTracker.Clear();
            Problem = Explain(ex);
            // The map as it is now, not as the cached second before: the seats someone else took show as taken, and
            // the buyer's other picks stay chosen if they are still free.
            await LoadAsync(Event.Id, Occurrence.Id, Section?.SectionId, fresh: true, ct);
            var free = Map?.Rows.SelectMany(r => r.Seats).Where(s => s.Free).Select(s => s.Id).ToHashSet() ?? [];
            Chosen = [.. picked.Where(free.Contains)];
            Response.StatusCode = ex is ConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid occurrenceId, Guid? section, bool fresh, CancellationToken ct)
    {
        if (await CatalogQueries.Listed(db).FirstOrDefaultAsync(e => e.Id == id, ct) is not { VenueId: { } venueId } ev
            || await db.Set<EventOccurrence>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == occurrenceId && o.EventId == id, ct) is not { } occurrence)
        {
            return false;
        }

        (Event, Occurrence) = (ev, occurrence);
        var offered = (await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == id).OrderBy(t => t.PriceMinor).ToListAsync(ct))
            .Where(t => CatalogQueries.Offers(t, SalesChannel.Web)).ToList();
        HasGeneralAdmission = offered.Any(t => t.Kind != TicketKind.Seated);
        var colours = await db.Set<PriceZone>().AsNoTracking().Where(z => z.VenueId == venueId).ToDictionaryAsync(z => z.Id, ct);
        // One ticket type sells a zone's seats on the web: the cheapest, if a tenant offers several for one zone.
        Zones = offered.Where(t => t.Kind == TicketKind.Seated && t.PriceZoneId is { } z && colours.ContainsKey(z))
            .GroupBy(t => t.PriceZoneId!.Value)
            .ToDictionary(g => g.Key, g =>
            {
                var t = g.First();
                var z = colours[g.Key];
                return new ZoneOffer(z.Id, z.Name, SafeColor(z.Color, "#6B7280"), t.Id, t.PriceMinor, t.Currency);
            });

        var overview = await availability.OfAsync(Shop.Id, ev, occurrenceId, null, ct, fresh);
        Sections = [.. overview.Sections.Where(s => s.Kind == SectionKind.Seated).OrderBy(s => s.Code, StringComparer.Ordinal)];
        OverviewBox = SeatMap.OverviewBox(Sections.Select(s => s.Outline));
        Section = section is { } sid ? Sections.FirstOrDefault(s => s.SectionId == sid) : Sections.Count == 1 ? Sections[0] : null;
        if (Section is { } chosen)
        {
            var seats = (await availability.OfAsync(Shop.Id, ev, occurrenceId, chosen.SectionId, ct, fresh)).Seats ?? [];
            SectionZones = [.. seats.Where(s => s.PriceZoneId is not null).Select(s => s.PriceZoneId!.Value).Distinct()
                .Where(Zones.ContainsKey).Select(z => Zones[z]).OrderBy(z => z.PriceMinor)];
            Map = SeatMap.Build(seats, Zones, (s, zone) => Describe(chosen, s, zone));
            var hash = await db.Set<SectionView>().AsNoTracking().Where(v => v.SectionId == chosen.SectionId).Select(v => v.Hash).FirstOrDefaultAsync(ct);
            ViewUrl = hash is null ? null : SectionViewEndpoints.PublicUrl(Shop.Slug, venueId, chosen.SectionId, hash);
        }

        return true;
    }

    /// <summary>"Section A, row 3, seat 12, €40, accessible" — what a screen reader says for a seat.</summary>
    private string Describe(SectionAvailability section, SeatAvailability seat, ZoneOffer? zone)
    {
        var text = T["seat.label", section.Name, seat.Row, seat.Seat, zone is null ? T["seat.notforsale"].Value : Money(zone.PriceMinor, zone.Currency)].Value;
        if (seat.Accessible)
        {
            text += T["seat.accessible"];
        }

        if (seat.RestrictedView)
        {
            text += T["seat.restricted"];
        }

        return text;
    }
}
