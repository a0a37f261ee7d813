using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.Events;
using Platform.Holds;
using Platform.Http;
using Platform.Identity.OAuth;
using Platform.Persistence;
using Platform.Sales;
using Platform.Tenancy;
using Platform.Venues;
using static Platform.Holds.CheckoutSql;

namespace Platform.Resellers;

/// <summary>Grants, changes and withdraws reseller allocations; every change is audited in its own unit of work.</summary>
internal sealed class AllocationService(PlatformDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock)
{
    private const string Entity = "reseller_allocation";

    public Task<ResellerAllocation?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<ResellerAllocation>().FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<ResellerAllocation> CreateAsync(CreateAllocationRequest request, CancellationToken ct)
    {
        var clientId = request.ClientId!.Trim();
        if (!await db.Set<ApiClient>().AnyAsync(c => c.ClientId == clientId && c.RevokedAt == null, ct))
        {
            throw FieldProblems.Invalid("clientId", "clientId is not an active API client of this tenant.");
        }

        if (!await db.Set<Event>().AnyAsync(e => e.Id == request.EventId, ct))
        {
            throw FieldProblems.Invalid("eventId", "eventId is not an event of this tenant.");
        }

        // An allocation on an event resellers cannot sell on would only fail later, at the reseller's first hold
        // (sale_not_open): refused here instead (issue #21, ADR 0035). Set the event's reseller window first.
        if (!await db.Set<SalesWindow>().AnyAsync(w => w.EventId == request.EventId && w.Channel == SalesChannel.Reseller, ct))
        {
            throw new UnprocessableException("no_reseller_window", "The event has no reseller sales window; add one before granting allocations.",
                new Dictionary<string, string[]> { ["eventId"] = ["The event has no sales window on the reseller channel."] });
        }

        if (request.TicketTypeId is { } typeId && !await db.Set<TicketType>().AnyAsync(t => t.Id == typeId && t.EventId == request.EventId, ct))
        {
            throw FieldProblems.Invalid("ticketTypeId", "ticketTypeId is not a ticket type of this event.");
        }

        var now = clock.GetUtcNow();
        var allocation = new ResellerAllocation
        {
            ClientId = clientId, EventId = request.EventId!.Value, TicketTypeId = request.TicketTypeId, Quantity = request.Quantity!.Value,
            CommissionBps = request.CommissionBps, PriceFloor = request.PriceFloor, PriceCeiling = request.PriceCeiling, CreatedAt = now, UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Granting the first allocation makes the client a reseller for good (see Reseller).
        await new CheckoutSql(db).ExecuteAsync("""
            INSERT INTO resellers (tenant_id, client_id, created_at) VALUES (@t, @c, @now) ON CONFLICT DO NOTHING
            """, ct, P("t", tenant.RequiredTenantId), P("c", clientId), P("now", now));
        db.Add(allocation);
        audit.Record("reseller_allocation.created", Entity, allocation.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["clientId"] = new(null, clientId), ["eventId"] = new(null, allocation.EventId), ["ticketTypeId"] = new(null, allocation.TicketTypeId),
            ["quantity"] = new(null, allocation.Quantity), ["commissionBps"] = new(null, allocation.CommissionBps),
            ["priceFloor"] = new(null, allocation.PriceFloor), ["priceCeiling"] = new(null, allocation.PriceCeiling),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("allocation_exists",
                "The reseller already has an allocation for this event (or this ticket type); change that one instead.");
        }

        await transaction.CommitAsync(ct);
        return allocation;
    }

    /// <summary>
    /// Applies a partial update. The row's version also moves with every sale, so without If-Match a concurrent
    /// stock movement is retried on fresh figures; with If-Match it is the caller's conflict to resolve.
    /// </summary>
    public async Task<ResellerAllocation> UpdateAsync(ResellerAllocation allocation, UpdateAllocationRequest request, uint? expectedVersion,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (expectedVersion is { } v && v != allocation.Version)
            {
                throw new ConflictException("version_mismatch", $"The allocation is at version {allocation.Version}, not {v}; reload it and try again.");
            }

            var floor = request.PriceFloor ?? allocation.PriceFloor;
            var ceiling = request.PriceCeiling ?? allocation.PriceCeiling;
            if (floor is { } f && ceiling is { } c && c < f)
            {
                throw FieldProblems.Invalid(request.PriceCeiling is null ? "priceFloor" : "priceCeiling", "priceCeiling must not be below priceFloor.");
            }

            if (request.Quantity is { } q && q < allocation.Held + allocation.Sold)
            {
                throw BelowSold(q, allocation);
            }

            var changes = new ChangeSet();
            changes.Set<int?>("quantity", allocation.Quantity, request.Quantity, v => allocation.Quantity = v!.Value);
            changes.Set("commissionBps", allocation.CommissionBps, request.CommissionBps, v => allocation.CommissionBps = v);
            changes.Set("priceFloor", allocation.PriceFloor, request.PriceFloor, v => allocation.PriceFloor = v);
            changes.Set("priceCeiling", allocation.PriceCeiling, request.PriceCeiling, v => allocation.PriceCeiling = v);
            if (changes.Changes.Count == 0)
            {
                return allocation;
            }

            allocation.UpdatedAt = clock.GetUtcNow();
            audit.Record("reseller_allocation.updated", Entity, allocation.Id.ToString(), changes.Changes);
            try
            {
                await db.SaveChangesAsync(ct);
                return allocation;
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException
                                               || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation })
            {
                db.ChangeTracker.Clear();
                var fresh = await FindAsync(allocation.Id, ct) ?? throw new NotFoundException("allocation");
                if (request.Quantity is { } wanted && wanted < fresh.Held + fresh.Sold)
                {
                    throw BelowSold(wanted, fresh);
                }

                if (expectedVersion is not null || attempt >= 3)
                {
                    throw new ConflictException("version_mismatch", "The allocation changed meanwhile; reload it and try again.");
                }

                allocation = fresh;
            }
        }
    }

    /// <summary>Deletes an allocation with nothing held or sold on it; the condition is in the DELETE, so no hold slips in between.</summary>
    public async Task DeleteAsync(ResellerAllocation allocation, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Set<ResellerAllocation>().Where(a => a.Id == allocation.Id && a.Held == 0 && a.Sold == 0).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw new ConflictException("allocation_in_use", "Tickets are held or sold on this allocation; lower its quantity instead.");
        }

        audit.Record("reseller_allocation.deleted", Entity, allocation.Id.ToString(),
            new Dictionary<string, FieldChange> { ["quantity"] = new(allocation.Quantity, null) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static ApiException BelowSold(int quantity, ResellerAllocation a) =>
        FieldProblems.Conflict("allocation_below_sold", "quantity",
            $"quantity {quantity} is below the {a.Held + a.Sold} tickets already held ({a.Held}) or sold ({a.Sold}) on this allocation.");
}
