using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Auditing;
using Platform.Holds;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets;

namespace Platform.Privacy;

/// <summary>
/// POST /api/v1/privacy/buyers/erase: anonymises one buyer's personal fields in the tenant's data and keeps
/// everything finance and the gate rely on (amounts, states, lines, payments, tickets, the ticket ledger — whose
/// entries hold no buyer details, so its hash chain stays valid). In one transaction:
/// orders get placeholder buyer details (encrypted as before), no phone, no name or phone keys, and an email hash
/// derived from the order id (so <c>?q=email</c> and per-buyer limits no longer find them and nothing links the
/// orders to each other); their tickets' transferred-holder details are cleared (they then read as the erased
/// buyer); tickets transferred to the buyer get placeholder holders; holds drop the email key; voucher
/// redemptions drop the plain-text email. The audit entry names the email only by its hash. A second erasure finds
/// nothing and changes nothing (it is still audited).
/// </summary>
internal sealed class BuyerErasure(PlatformDbContext db, TenantContext tenant, BuyerRecords records, AuditLog audit, IDataProtectionProvider protection)
{
    public const string ErasedName = "Erased buyer";

    /// <summary>A reserved domain (RFC 2606): nothing is ever delivered to it.</summary>
    public const string ErasedEmail = "erased@erased.invalid";

    private readonly IDataProtector buyer = protection.CreateProtector(TicketService.BuyerPurpose);
    private readonly IDataProtector holder = protection.CreateProtector(TicketService.HolderPurpose);

    public async Task<BuyerErasureResponse> EraseAsync(string email, string reason, CancellationToken ct)
    {
        email = email.Trim();
        var tenantId = tenant.RequiredTenantId;
        var key = BuyerRecords.Key(email);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var orderIds = await records.OrderIdsAsync(email, ct);

        // Tickets transferred to the buyer from someone else's order: the holder is the buyer, the order is not theirs.
        var held = await records.HeldTicketsAsync(email, orderIds, ct);
        foreach (var ticket in held)
        {
            ticket.HolderNameProtected = holder.Protect(ErasedName);
            ticket.HolderEmailProtected = holder.Protect(ErasedEmail);
        }

        await db.SaveChangesAsync(ct);
        var ids = orderIds.ToArray();
        var tickets = held.Count + await ExecuteAsync("""
            UPDATE tickets SET holder_name_protected = NULL, holder_email_protected = NULL
            WHERE tenant_id = @t AND order_id = ANY(@ids) AND holder_name_protected IS NOT NULL
            """, ct, P("t", tenantId), Ids(ids));
        var orders = await ExecuteAsync("""
            UPDATE orders SET buyer_name_protected = @name, buyer_email_protected = @email, buyer_phone_protected = NULL,
                buyer_phone_key = NULL, buyer_name_keys = '{}', holders_protected = NULL,
                buyer_email_hash = encode(sha256(convert_to('erased:' || id::text, 'UTF8')), 'hex')
            WHERE tenant_id = @t AND id = ANY(@ids)
            """, ct, P("t", tenantId), Ids(ids), P("name", buyer.Protect(ErasedName)), P("email", buyer.Protect(ErasedEmail)));
        // The per-buyer limit counters are keyed by the same hash; holds and counters drop it together, so releasing
        // a still-active hold later decrements nothing that is gone (the erased email starts with a fresh limit).
        var holds = await ExecuteAsync("UPDATE holds SET buyer_email_key = NULL WHERE tenant_id = @t AND buyer_email_key = @k", ct,
            P("t", tenantId), P("k", "email:" + key));
        await ExecuteAsync("DELETE FROM buyer_event_counters WHERE tenant_id = @t AND buyer_key = @k", ct, P("t", tenantId), P("k", "email:" + key));
        var redemptions = await ExecuteAsync("""
            UPDATE voucher_redemptions SET buyer_email = NULL
            WHERE tenant_id = @t AND buyer_email IS NOT NULL AND (buyer_email = @e OR order_id = ANY(@ids))
            """, ct, P("t", tenantId), Ids(ids), P("e", email.ToLowerInvariant()));

        // Who, when (the entry), why and how much; the email only as its lookup hash, which proves the request was
        // carried out without keeping the address.
        audit.Record("buyer.erased", "buyer", key, new Dictionary<string, FieldChange>
        {
            ["reason"] = new(null, reason.Trim()),
            ["orders"] = new(null, orders),
            ["tickets"] = new(null, tickets),
            ["holds"] = new(null, holds),
            ["voucherRedemptions"] = new(null, redemptions),
        });
        await db.SaveChangesAsync(ct);
        var entryId = db.ChangeTracker.Entries<AuditEntry>().Select(e => e.Entity).Single(e => e.Action == "buyer.erased").Id;
        await transaction.CommitAsync(ct);
        return new BuyerErasureResponse(orders, tickets, holds, redemptions, entryId);
    }

    private Task<int> ExecuteAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters) =>
        new CheckoutSql(db).ExecuteAsync(sql, ct, parameters);

    private static NpgsqlParameter P(string name, Guid value) => new(name, NpgsqlDbType.Uuid) { Value = value };

    private static NpgsqlParameter P(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };

    private static NpgsqlParameter Ids(Guid[] ids) => new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids };
}
