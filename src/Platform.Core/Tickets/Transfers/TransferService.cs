using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Http;
using Platform.Outbox;
using Platform.Persistence;
using Platform.Tickets.Issuance;
using Platform.Tickets.Ledger;

namespace Platform.Tickets.Transfers;

/// <summary>
/// Transfers: the code version goes up (every earlier QR is stale), the holder changes, the old holder's access
/// token stops matching (it names the old code version), a ledger entry and a tickets.transferred event (which mails the new holder a new access link)
/// commit together. xmin guards against a concurrent transfer or revocation.
/// </summary>
internal sealed class TransferService(PlatformDbContext db, TicketService tickets, TicketLedger ledger, OutboxWriter outbox,
    IEnumerable<ITicketTransferGuard> guards, AuditLog audit, TimeProvider clock)
{
    public const string TransferredEvent = "tickets.transferred";

    public async Task TransferAsync(Ticket ticket, TransferTicketRequest request, string? actor, CancellationToken ct)
    {
        if (ticket.State == TicketState.Revoked)
        {
            throw new ConflictException("ticket_revoked", "A revoked ticket cannot be transferred.");
        }

        var settings = await db.Set<EventTicketSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.EventId == ticket.EventId, ct);
        var refusal = TransferRules.Refusal(settings, ticket.TransferCount, clock.GetUtcNow());
        if (refusal is { } r)
        {
            throw new ConflictException(r.Code, r.Detail);
        }

        foreach (var guard in guards)
        {
            if (await guard.RefuseAsync(ticket, ct) is { } veto)
            {
                throw new ConflictException(veto.Code, veto.Detail);
            }
        }

        var from = ticket.CodeVersion;
        ticket.CodeVersion++;
        ticket.TransferCount++;
        ticket.HolderNameProtected = tickets.ProtectHolder(request.Name!.Trim());
        ticket.HolderEmailProtected = tickets.ProtectHolder(request.Email!.Trim());
        ledger.Append(ticket.Id, LedgerKinds.Transferred, new Dictionary<string, string?>
        {
            ["fromCodeVersion"] = from.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["toCodeVersion"] = ticket.CodeVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["transfer"] = ticket.TransferCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, actor);
        // No names or emails in the audit trail: the holder's details stay encrypted on the ticket.
        audit.Record("ticket.transferred", "ticket", ticket.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["codeVersion"] = new(from, ticket.CodeVersion),
            ["transferCount"] = new(ticket.TransferCount - 1, ticket.TransferCount),
        });
        outbox.Add(TransferredEvent, new TicketsEvent(ticket.OrderId, ticket.EventId, [ticket.Id], "transferred"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrent_change", "The ticket changed while transferring it; reload it and try again.");
        }
    }
}

/// <summary>The per-event transfer rules as a pure decision.</summary>
internal static class TransferRules
{
    public static (string Code, string Detail)? Refusal(EventTicketSettings? settings, int transfersSoFar, DateTimeOffset now)
    {
        if (settings is null)
        {
            return null;
        }

        if (!settings.TransfersEnabled)
        {
            return ("transfers_disabled", "Tickets of this event cannot be transferred.");
        }

        if (settings.TransferDeadline is { } deadline && now >= deadline)
        {
            return ("transfer_deadline_passed", $"Transfers for this event closed at {deadline:O}.");
        }

        if (settings.MaxTransfersPerTicket is { } max && transfersSoFar >= max)
        {
            return ("transfer_limit_reached", $"A ticket of this event can be transferred at most {max} times.");
        }

        return null;
    }
}
