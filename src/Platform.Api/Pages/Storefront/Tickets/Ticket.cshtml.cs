using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Storefront;
using Platform.Events;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.RateLimiting;
using Platform.Tickets;
using Platform.Tickets.Transfers;

namespace Platform.Api.Pages.Storefront.Tickets;

/// <summary>
/// One ticket for its holder (?token=, the link the ticket email carries): a large QR, the PDF, and a transfer to
/// someone else through the transfer service (the old QR and this link stop working; the new holder is mailed).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Checkout)]
public sealed class TicketModel(PlatformDbContext db) : StorefrontPage
{
    public TicketCard? Ticket { get; private set; }

    public Event? Event { get; private set; }

    public EventOccurrence? Occurrence { get; private set; }

    public string TicketApi => $"/api/v1/public/tenants/{Shop.Slug}/tickets";

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    public string? Transferred { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is not null ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostTransferAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } ticket)
        {
            return NotFoundPage();
        }

        if (string.IsNullOrWhiteSpace(NewName) || NewName.Length > 200 || string.IsNullOrWhiteSpace(NewEmail) || NewEmail.Length > 254
            || !new EmailAddressAttribute().IsValid(NewEmail.Trim()))
        {
            Problem = T["ticket.transfer.invalid"];
            return Page();
        }

        try
        {
            await HttpContext.RequestServices.GetRequiredService<TransferService>()
                .TransferAsync(ticket, new TransferTicketRequest(NewName.Trim(), NewEmail.Trim()), "holder", ct);
            Transferred = T["ticket.transfer.done", NewName.Trim()];
            Ticket = null;
        }
        catch (ApiException ex)
        {
            db.ChangeTracker.Clear();
            Problem = Explain(ex);
        }

        return Page();
    }

    private async Task<Ticket?> LoadAsync(Guid id, CancellationToken ct)
    {
        var services = HttpContext.RequestServices;
        var tickets = services.GetRequiredService<TicketService>();
        var ticket = await TicketAccess.LoadAsync(id, Request, tickets, services.GetRequiredService<OrderService>(), ct);
        if (ticket is null)
        {
            return null;
        }

        var response = await tickets.ToResponseAsync(ticket, ct);
        Ticket = TicketCards.Card(response, services.GetRequiredService<TicketAccessTokens>().Issue(ticket));
        Event = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == response.EventId, ct);
        Occurrence = await db.Set<EventOccurrence>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == response.OccurrenceId, ct);
        return ticket;
    }
}
