using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Events;
using Platform.Identity.Email;
using Platform.Orders;
using Platform.Outbox;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets.Issuance;
using Platform.Tickets.Ledger;
using Platform.Tickets.Transfers;

namespace Platform.Tickets.Delivery;

/// <summary>
/// Delivers tickets by email after the issuing (or transferring) transaction has committed, from the outbox: it mints
/// each ticket's holder access token (stateless, nothing written) and, once the dispatcher's transaction commits, mails
/// the holder a link per ticket to the printable page. Then it seals the tenant's ledger. A redelivered event mails
/// again (the same links keep working until the ticket is transferred).
/// </summary>
internal sealed partial class TicketMailer(
    PlatformDbContext db, TenantContext tenant, IDataProtectionProvider protection, IEmailSender sender, IOptions<EmailOptions> email,
    TicketLedger ledger, TicketAccessTokens tokens, ILogger<TicketMailer> logger) : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector buyer = protection.CreateProtector(TicketService.BuyerPurpose);
    private readonly IDataProtector holder = protection.CreateProtector(TicketService.HolderPurpose);
    private readonly List<EmailMessage> outgoing = [];
    private bool touched;

    public async Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var issued = e.Type == TicketIssuer.IssuedEvent;
            if (!issued && e.Type != TransferService.TransferredEvent)
            {
                touched |= e.Type.StartsWith("tickets.", StringComparison.Ordinal);
                continue;
            }

            touched = true;
            var data = JsonSerializer.Deserialize<TicketsEvent>(e.Payload, Json)!;
            var tickets = await db.Set<Ticket>().AsNoTracking().Where(t => data.TicketIds.Contains(t.Id) && t.State == TicketState.Valid).OrderBy(t => t.Id).ToListAsync(ct);
            // A ticket transferred before its issue mail went out belongs to its new holder, who gets the transfer mail.
            tickets = issued ? [.. tickets.Where(t => t.TransferCount == 0)] : tickets;
            if (tickets.Count == 0)
            {
                continue;
            }

            var order = await db.Set<Order>().AsNoTracking().FirstAsync(o => o.Id == data.OrderId, ct);
            var title = await db.Set<Event>().AsNoTracking().Where(x => x.Id == data.EventId).Select(x => x.Title).FirstAsync(ct);
            var slug = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.Slug).FirstAsync(ct);
            foreach (var group in tickets.GroupBy(t => t.HolderEmailProtected is { } p ? holder.Unprotect(p) : buyer.Unprotect(order.BuyerEmailProtected)))
            {
                var body = new StringBuilder();
                body.Append(issued ? $"Your tickets for {title} are ready.\n\n" : $"A ticket for {title} has been transferred to you.\n\n");
                foreach (var ticket in group)
                {
                    var token = tokens.Issue(ticket);
                    body.Append($"Ticket {ticket.Number}: {email.Value.PublicBaseUrl.TrimEnd('/')}/api/v1/public/tenants/{slug}/tickets/{ticket.Id}/print?token={token}\n");
                }

                body.Append("\nKeep these links private: they show your ticket and let you transfer it.\n");
                outgoing.Add(new EmailMessage(group.Key, issued ? $"Your tickets: {title}" : $"Ticket transferred to you: {title}", body.ToString()));
            }
        }
    }

    public async Task CommittedAsync(CancellationToken ct)
    {
        foreach (var message in outgoing)
        {
            try
            {
                await sender.SendAsync(message, ct);
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
            {
                LogMailFailed(logger, e);
            }
        }

        outgoing.Clear();
        if (touched)
        {
            touched = false;
            await ledger.SealAsync(ct);
        }
    }

    public async Task RecoverAsync(CancellationToken ct) => await ledger.SealAsync(ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A ticket email could not be sent; the holder can look the tickets up by order and email")]
    private static partial void LogMailFailed(ILogger logger, Exception e);
}
