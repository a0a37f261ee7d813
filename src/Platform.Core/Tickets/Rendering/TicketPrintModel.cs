using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Venues;

namespace Platform.Tickets.Rendering;

/// <summary>Everything a printed ticket shows, gathered once for the HTML page and the PDF.</summary>
internal sealed partial record TicketPrintModel(
    string TenantName, string? LogoUrl, string PrimaryColor, string AccentColor, string EventTitle, string When, string? Venue,
    string Place, string HolderName, string Number, string TicketType, string QrPayload)
{
    public static async Task<TicketPrintModel> LoadAsync(PlatformDbContext db, Guid tenantId, TicketResponse ticket, CancellationToken ct)
    {
        var tenant = await db.Set<Tenant>().AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        var ev = await db.Set<Event>().AsNoTracking().FirstAsync(e => e.Id == ticket.EventId, ct);
        var occurrence = await db.Set<EventOccurrence>().AsNoTracking().FirstAsync(o => o.Id == ticket.OccurrenceId, ct);
        var venue = ev.VenueId is { } venueId ? await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId, ct) : null;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(occurrence.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(occurrence.StartsAt, zone);
        var place = ticket.Seat is { } seat ? $"{seat.Section} · Row {seat.Row} · Seat {seat.Seat}" : "General admission";
        return new TicketPrintModel(tenant.DisplayName, SafeUrl(tenant.Branding.LogoUrl), SafeColor(tenant.Branding.PrimaryColor, "#111827"),
            SafeColor(tenant.Branding.AccentColor, "#2563EB"), ev.Title,
            local.ToString("dddd, d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" ({occurrence.TimeZone})",
            venue is null ? null : string.IsNullOrWhiteSpace(venue.Address) ? venue.Name : $"{venue.Name}, {venue.Address}",
            place, ticket.Holder.Name, ticket.Number, $"{ticket.TicketTypeName} · {AudienceLabel(ticket.Audience)}", ticket.QrPayload!);
    }

    /// <summary>Printed beside the ticket type so the gate sees who the ticket admits (a child ticket, a senior ticket).</summary>
    private static string AudienceLabel(Platform.Pricing.Audience audience) => audience switch
    {
        Platform.Pricing.Audience.Child => "Child",
        Platform.Pricing.Audience.Senior => "Senior",
        Platform.Pricing.Audience.Student => "Student",
        _ => "Adult",
    };

    /// <summary>Branding goes into CSS and PDF operators: only #RRGGBB passes.</summary>
    private static string SafeColor(string? color, string fallback) => color is not null && HexColor().IsMatch(color) ? color : fallback;

    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? u.AbsoluteUri : null;

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
