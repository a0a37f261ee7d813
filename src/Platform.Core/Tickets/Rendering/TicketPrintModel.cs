using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Platform.Events;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets.Localization;
using Platform.Venues;

namespace Platform.Tickets.Rendering;

/// <summary>The printed labels, already in the tenant's language.</summary>
internal sealed record TicketLabels(string When, string Venue, string Place, string TicketType, string Holder, string Number, string Title);

/// <summary>Everything a printed ticket shows, gathered once for the HTML page and the PDF, in the tenant's locale.</summary>
internal sealed partial record TicketPrintModel(
    string Locale, TicketLabels Labels, string TenantName, string? LogoUrl, string PrimaryColor, string AccentColor, string EventTitle, string When,
    string? Venue, string Place, string HolderName, string Number, string TicketType, string QrPayload)
{
    public static async Task<TicketPrintModel> LoadAsync(PlatformDbContext db, IStringLocalizer<TicketTexts> texts, Guid tenantId, TicketResponse ticket,
        CancellationToken ct)
    {
        var tenant = await db.Set<Tenant>().AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        var ev = await db.Set<Event>().AsNoTracking().FirstAsync(e => e.Id == ticket.EventId, ct);
        var occurrence = await db.Set<EventOccurrence>().AsNoTracking().FirstAsync(o => o.Id == ticket.OccurrenceId, ct);
        var venue = ev.VenueId is { } venueId ? await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId, ct) : null;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(occurrence.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(occurrence.StartsAt, zone);
        var locale = TicketTexts.Culture(tenant.Locale).Name;
        return TicketTexts.InCulture(locale, () =>
        {
            var place = ticket.Seat is { } seat ? texts["SeatFormat", seat.Section, seat.Row, seat.Seat].Value : texts["GeneralAdmission"].Value;
            var labels = new TicketLabels(texts["When"], texts["Venue"], texts["Place"], texts["TicketType"], texts["Holder"], texts["Number"],
                texts["TitleFormat", ev.Title, ticket.Number]);
            return new TicketPrintModel(locale, labels, tenant.DisplayName, SafeUrl(tenant.Branding.LogoUrl),
                SafeColor(tenant.Branding.PrimaryColor, "#111827"), SafeColor(tenant.Branding.AccentColor, "#2563EB"), ev.Title,
                // The current culture is the tenant's here: month and weekday names come out in its language.
                local.ToString(texts["DateFormat"].Value, CultureInfo.CurrentCulture) + $" ({occurrence.TimeZone})",
                venue is null ? null : string.IsNullOrWhiteSpace(venue.Address) ? venue.Name : $"{venue.Name}, {venue.Address}",
                place, ticket.Holder.Name, ticket.Number, $"{ticket.TicketTypeName} · {texts[AudienceKey(ticket.Audience)].Value}", ticket.QrPayload!);
        });
    }

    /// <summary>Printed beside the ticket type so the gate sees who the ticket admits (a child ticket, a senior ticket).</summary>
    private static string AudienceKey(Platform.Pricing.Audience audience) => audience switch
    {
        Platform.Pricing.Audience.Child => "AudienceChild",
        Platform.Pricing.Audience.Senior => "AudienceSenior",
        Platform.Pricing.Audience.Student => "AudienceStudent",
        _ => "AudienceAdult",
    };

    /// <summary>Branding goes into CSS and PDF drawing: only #RRGGBB passes.</summary>
    private static string SafeColor(string? color, string fallback) => color is not null && HexColor().IsMatch(color) ? color : fallback;

    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? u.AbsoluteUri : null;

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
