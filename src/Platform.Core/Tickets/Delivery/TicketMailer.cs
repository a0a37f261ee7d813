using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
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
using Platform.Tickets.Localization;
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
    TicketLedger ledger, TicketAccessTokens tokens, IStringLocalizer<TicketTexts> texts, ILogger<TicketMailer> logger) : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector buyer = protection.CreateProtector(TicketService.BuyerPurpose);
    private readonly IDataProtector holder = protection.CreateProtector(TicketService.HolderPurpose);
    private readonly List<EmailMessage> outgoing = [];
    private bool touched;

    public string Lane => "tickets";

    public async Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct)
    {
        var mails = new List<(bool Issued, TicketsEvent Data)>();
        foreach (var e in events)
        {
            var issued = e.Type == TicketIssuer.IssuedEvent;
            touched |= e.Type.StartsWith("tickets.", StringComparison.Ordinal);
            if (issued || e.Type == TransferService.TransferredEvent)
            {
                mails.Add((issued, JsonSerializer.Deserialize<TicketsEvent>(e.Payload, Json)!));
            }
        }

        if (mails.Count == 0)
        {
            return;
        }

        // What the batch's mails need, read once per batch rather than per order (four reads per paid order before).
        var ticketIds = mails.SelectMany(m => m.Data.TicketIds).Distinct().ToList();
        var tickets = (await db.Set<Ticket>().AsNoTracking().Where(t => ticketIds.Contains(t.Id) && t.State == TicketState.Valid).ToListAsync(ct))
            .ToDictionary(t => t.Id);
        var orderIds = mails.Select(m => m.Data.OrderId).Distinct().ToList();
        var buyers = await db.Set<Order>().AsNoTracking().Where(o => orderIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.BuyerEmailProtected, ct);
        var eventIds = mails.Select(m => m.Data.EventId).Distinct().ToList();
        var titles = await db.Set<Event>().AsNoTracking().Where(x => eventIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Title, ct);
        var owner = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => new { t.Slug, t.Locale }).FirstAsync(ct);
        // The mails are written in the tenant's language (the holder bought from this venue, in its language).
        TicketTexts.InCulture(owner.Locale, () => Compose(mails, tickets, buyers, titles, owner.Slug));
    }

    private bool Compose(List<(bool Issued, TicketsEvent Data)> mails, Dictionary<Guid, Ticket> tickets, Dictionary<Guid, string> buyers,
        Dictionary<Guid, string> titles, string slug)
    {
        foreach (var (issued, data) in mails)
        {
            var mailed = data.TicketIds.Select(tickets.GetValueOrDefault).OfType<Ticket>()
                // A ticket transferred before its issue mail went out belongs to its new holder, who gets the transfer mail.
                .Where(t => !issued || t.TransferCount == 0).OrderBy(t => t.Id).ToList();
            if (mailed.Count == 0)
            {
                continue;
            }

            var title = titles[data.EventId];
            foreach (var group in mailed.GroupBy(t => t.HolderEmailProtected is { } p ? holder.Unprotect(p) : buyer.Unprotect(buyers[data.OrderId])))
            {
                var body = new StringBuilder();
                body.Append(texts[issued ? "MailIssuedIntro" : "MailTransferredIntro", title].Value).Append("\n\n");
                foreach (var ticket in group)
                {
                    var token = tokens.Issue(ticket);
                    var link = $"{email.Value.PublicBaseUrl.TrimEnd('/')}/api/v1/public/tenants/{slug}/tickets/{ticket.Id}/print?token={token}";
                    body.Append(texts["MailTicketLine", ticket.Number, link].Value).Append('\n');
                }

                body.Append('\n').Append(texts["MailKeepPrivate"].Value).Append('\n');
                outgoing.Add(new EmailMessage(group.Key, texts[issued ? "MailIssuedSubject" : "MailTransferredSubject", title], body.ToString()));
            }
        }

        return true;
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
