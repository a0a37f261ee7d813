using Npgsql;
using Platform.Http;
using Platform.Outbox;
using Platform.Persistence;
using static Platform.Holds.CheckoutSql;

namespace Platform.Holds;

/// <summary>
/// The statements that move stock for holds. Every one is a conditional UPDATE (or upsert) whose row count decides,
/// so concurrent buyers on any number of app instances serialize on the rows themselves and nobody oversells.
/// Lock order within a transaction: hold rows, then quota counters (by quota id), then seats (by seat id), then
/// buyer counters — the same in every path, so paths do not deadlock each other. Reseller allocation counters
/// (reseller_allocations, by id; ADR 0014) are moved immediately before the quota counters in every path: hold
/// creation, selling and returning stock.
/// </summary>
internal sealed class HoldStock(PlatformDbContext db)
{
    private readonly CheckoutSql sql = new(db);

    public async Task<bool> TakeQuotaAsync(Guid tenantId, Guid quotaId, Guid occurrenceId, int n, CancellationToken ct) =>
        await sql.ExecuteAsync("""
            UPDATE quota_counters SET held = held + @n
            WHERE tenant_id = @t AND quota_id = @q AND occurrence_id = @o AND capacity - held - sold >= @n
            """, ct, P("t", tenantId), P("q", quotaId), P("o", occurrenceId), P("n", n)) == 1;

    /// <summary>A reseller's cap (ADR 0014): the allocation row decides by its row count, like the quota counter.</summary>
    public async Task<bool> TakeAllocationAsync(Guid tenantId, Guid allocationId, int n, CancellationToken ct) =>
        await sql.ExecuteAsync("""
            UPDATE reseller_allocations SET held = held + @n WHERE tenant_id = @t AND id = @a AND held + sold + @n <= quantity
            """, ct, P("t", tenantId), P("a", allocationId), P("n", n)) == 1;

    /// <summary>
    /// Claims exactly <paramref name="seatIds"/> (all or none: the caller rolls back on a short count). A seat held
    /// by a hold past its expiry counts as available. With <paramref name="skipLocked"/> seats another buyer is
    /// claiming right now are skipped instead of waited for (best available then tries other seats).
    /// </summary>
    public async Task<int> ClaimSeatsAsync(Guid tenantId, Guid eventId, Guid occurrenceId, Guid? priceZoneId, Guid[] seatIds, Guid holdId,
        DateTimeOffset until, DateTimeOffset now, bool skipLocked, CancellationToken ct) =>
        await sql.ExecuteAsync(ClaimSeatsSql(skipLocked), ct, ClaimSeatsParameters(tenantId, eventId, occurrenceId, priceZoneId, seatIds, holdId,
            until, now));

    /// <summary>
    /// The seat claim as a statement of its own (its row count is the number claimed), or — <paramref name="asCheck"/>
    /// — as a check that claimed all <c>@n</c> seats or aborts the batch it rides in with <paramref name="refusal"/>.
    /// </summary>
    public static string ClaimSeatsSql(bool skipLocked, bool asCheck = false, string? refusal = null)
    {
        var claim = $"""
            WITH c AS (
                SELECT seat_id FROM event_seats
                WHERE tenant_id = @t AND occurrence_id = @o AND event_id = @e AND seat_id = ANY(@ids)
                  AND (@z::uuid IS NULL OR price_zone_id = @z)
                  AND (state = 'available' OR (state = 'held' AND held_until < @now))
                ORDER BY seat_id FOR UPDATE {(skipLocked ? "SKIP LOCKED" : "")})
            """;
        const string update = """
            UPDATE event_seats s SET state = 'held', hold_id = @h, held_until = @until
            FROM c WHERE s.tenant_id = @t AND s.occurrence_id = @o AND s.seat_id = c.seat_id
            """;
        return asCheck
            ? $"{claim},\nu AS ({update} RETURNING 1)\nSELECT checkout_require((SELECT count(*) FROM u) = @n, '{refusal}')"
            : $"{claim}\n{update}";
    }

    public static NpgsqlParameter[] ClaimSeatsParameters(Guid tenantId, Guid eventId, Guid occurrenceId, Guid? priceZoneId, Guid[] seatIds,
        Guid holdId, DateTimeOffset until, DateTimeOffset now) =>
        [P("t", tenantId), P("o", occurrenceId), P("e", eventId), P("ids", seatIds), P("z", priceZoneId), P("now", now), P("h", holdId),
            P("until", until)];

    /// <summary>Up to 400 claimable seats of a section in drawing order: parameters @t, @o, @sec, @z, @now.</summary>
    public const string FreeSeatsSql = """
        SELECT es.seat_id, s.row_label, s.ordinal
        FROM event_seats es JOIN seats s ON s.tenant_id = es.tenant_id AND s.id = es.seat_id
        WHERE es.tenant_id = @t AND es.occurrence_id = @o AND es.section_id = @sec
          AND (@z::uuid IS NULL OR es.price_zone_id = @z)
          AND (es.state = 'available' OR (es.state = 'held' AND es.held_until < @now))
        ORDER BY s.ordinal LIMIT 400
        """;

    public Task<List<SeatCandidate>> FreeSeatsAsync(Guid tenantId, Guid occurrenceId, Guid sectionId, Guid? priceZoneId, DateTimeOffset now,
        CancellationToken ct) =>
        sql.QueryAsync(FreeSeatsSql, r => new SeatCandidate(r.GetGuid(0), r.GetString(1), r.GetInt32(2)), ct,
            P("t", tenantId), P("o", occurrenceId), P("sec", sectionId), P("z", priceZoneId), P("now", now));

    /// <summary>The same read outside any transaction, in one round trip with its tenant setting (no locks taken).</summary>
    public static Task<List<SeatCandidate>> FreeSeatsNowAsync(PlatformDbContext db, Guid tenantId, Guid occurrenceId, Guid sectionId,
        Guid? priceZoneId, DateTimeOffset now, CancellationToken ct) =>
        TenantBatch.OnConnectionAsync(db, async connection =>
        {
            await using var batch = new TenantBatch(connection, null, tenantId);
            batch.Add(FreeSeatsSql, P("t", tenantId), P("o", occurrenceId), P("sec", sectionId), P("z", priceZoneId), P("now", now));
            await using var reader = await batch.ReadAsync(ct);
            var seats = new List<SeatCandidate>();
            while (await reader.ReadAsync(ct))
            {
                seats.Add(new SeatCandidate(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2)));
            }

            return seats;
        }, ct);

    public async Task<bool> TakeBuyerAsync(Guid tenantId, Guid eventId, string buyerKey, int n, int max, CancellationToken ct) =>
        await sql.ExecuteAsync("""
            INSERT INTO buyer_event_counters (tenant_id, event_id, buyer_key, tickets) VALUES (@t, @e, @k, @n)
            ON CONFLICT (tenant_id, event_id, buyer_key) DO UPDATE SET tickets = buyer_event_counters.tickets + excluded.tickets
            WHERE buyer_event_counters.tickets + excluded.tickets <= @max
            """, ct, P("t", tenantId), P("e", eventId), P("k", buyerKey), P("n", n), P("max", max)) == 1;

    /// <summary>Marks active holds past their expiry (matching <paramref name="filter"/>) expired and returns their stock.</summary>
    public async Task<int> ReclaimExpiredAsync(Guid tenantId, DateTimeOffset now, ReclaimFilter filter, CancellationToken ct)
    {
        var (condition, parameters) = filter switch
        {
            { QuotaId: { } q, OccurrenceId: { } o } => (
                "EXISTS (SELECT 1 FROM hold_items i WHERE i.tenant_id = @t AND i.hold_id = holds.id AND i.quota_id = @q AND i.occurrence_id = @o)",
                new[] { P("q", q), P("o", o) }),
            { HoldId: { } h } => ("id = @h", [P("h", h)]),
            { AllocationId: { } a } => (
                "EXISTS (SELECT 1 FROM hold_items i WHERE i.tenant_id = @t AND i.hold_id = holds.id AND i.allocation_id = @a)", [P("a", a)]),
            { BuyerKey: { } k, EventId: { } e } => ("event_id = @e AND (buyer_account_key = @k OR buyer_email_key = @k)", [P("e", e), P("k", k)]),
            _ => ("true", []),
        };
        var ids = await sql.QueryAsync($"""
            WITH c AS (
                SELECT id FROM holds
                WHERE tenant_id = @t AND state = 'active' AND expires_at < @now AND {condition}
                ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED)
            UPDATE holds h SET state = 'expired', ended_at = @now FROM c WHERE h.tenant_id = @t AND h.id = c.id
            RETURNING h.id
            """, r => r.GetGuid(0), ct, [P("t", tenantId), P("now", now), .. parameters]);
        if (ids.Count > 0)
        {
            await ReturnStockAsync(tenantId, [.. ids], ct);
        }

        return ids.Count;
    }

    /// <summary>Ends one active hold as released (even past its expiry: that just returns the stock sooner).</summary>
    public async Task<bool> ReleaseAsync(Guid tenantId, Guid holdId, DateTimeOffset now, CancellationToken ct)
    {
        var ended = await sql.ExecuteAsync("""
            UPDATE holds SET state = 'released', ended_at = @now WHERE tenant_id = @t AND id = @h AND state = 'active'
              AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = @t AND o.hold_id = @h)
            """, ct, P("t", tenantId), P("h", holdId), P("now", now));
        if (ended == 1)
        {
            await ReturnStockAsync(tenantId, [holdId], ct);
        }

        return ended == 1;
    }

    public async Task<DateTimeOffset?> ExtendAsync(Guid tenantId, Guid holdId, TimeSpan by, DateTimeOffset now, CancellationToken ct)
    {
        var until = await sql.QueryAsync("""
            UPDATE holds SET expires_at = expires_at + @by, extended = true
            WHERE tenant_id = @t AND id = @h AND state = 'active' AND NOT extended AND expires_at > @now
              AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = @t AND o.hold_id = @h)
            RETURNING expires_at
            """, r => r.GetFieldValue<DateTimeOffset>(0), ct, P("t", tenantId), P("h", holdId), P("by", by), P("now", now));
        if (until.Count == 0)
        {
            return null;
        }

        await sql.ExecuteAsync("""
            UPDATE event_seats SET held_until = @until WHERE tenant_id = @t AND hold_id = @h AND state = 'held'
            """, ct, P("t", tenantId), P("h", holdId), P("until", until[0]));
        return until[0];
    }

    /// <summary>
    /// The statement that turns a paid order's active, unexpired hold into sold stock (the hold row; its seats follow
    /// in <see cref="SellHeldSeatsAsync"/>). It reads the hold id from <c>paid</c>, a CTE of the caller's statement that
    /// returns the order row it just marked paid, so the conversion can never run for an order that was not paid.
    /// The quota counters follow later, in batches (<see cref="SettleQuotasAsync"/>).
    /// </summary>
    public const string ConvertPaidHoldSql = """
        UPDATE holds SET state = 'converted', ended_at = @now FROM paid
        WHERE holds.tenant_id = @t AND holds.id = paid.hold_id AND holds.state = 'active' AND holds.expires_at > @now
        RETURNING holds.id
        """;

    /// <summary>
    /// A converted hold's seats, held → sold; false when a seat was taken by another buyer after the hold expired
    /// (the caller rolls its transaction back).
    /// </summary>
    public async Task<bool> SellHeldSeatsAsync(Guid tenantId, Guid holdId, int expectedSeats, CancellationToken ct)
    {
        // General admission holds no seats: skip the statement (a round trip on the hot path).
        var seats = expectedSeats == 0 ? 0 : await sql.ExecuteAsync("""
            UPDATE event_seats SET state = 'sold', held_until = NULL WHERE tenant_id = @t AND hold_id = @h AND state = 'held'
            """, ct, P("t", tenantId), P("h", holdId));
        return seats == expectedSeats;
    }

    /// <summary>
    /// Moves converted holds' quota units from held to sold — up to <paramref name="limit"/> unsettled holds of the
    /// tenant, or just <paramref name="holdId"/> — with one UPDATE per quota for the whole batch. Availability
    /// (capacity − held − sold) is the same before and after, so this can run after the payment commits; only the
    /// sold figure lags. Hold rows are taken with SKIP LOCKED, so concurrent settlers on several nodes split the work.
    /// </summary>
    public Task<int> SettleQuotasAsync(Guid tenantId, Guid? holdId, int limit, CancellationToken ct) =>
        sql.ExecuteAsync(SettleQuotasSql(skipLocked: true), ct, P("t", tenantId), P("h", holdId), P("limit", limit));

    /// <summary>
    /// The settlement statement. Batch settlers skip holds another settler has locked; a refund settling its own hold
    /// waits for it instead (and then finds it settled), so the sold count it takes back always includes it.
    /// </summary>
    public static string SettleQuotasSql(bool skipLocked) => $"""
        WITH h AS (
            SELECT id FROM holds
            WHERE tenant_id = @t AND state = 'converted' AND NOT quota_settled AND (@h::uuid IS NULL OR id = @h)
            ORDER BY id LIMIT @limit FOR UPDATE {(skipLocked ? "SKIP LOCKED" : "")}),
        settled AS (
            UPDATE holds SET quota_settled = true FROM h WHERE holds.tenant_id = @t AND holds.id = h.id RETURNING holds.id),
        x AS (
            SELECT i.quota_id, i.occurrence_id, sum(i.quantity)::int AS n
            FROM hold_items i JOIN settled s ON i.hold_id = s.id
            WHERE i.tenant_id = @t AND i.quota_id IS NOT NULL GROUP BY i.quota_id, i.occurrence_id)
        UPDATE quota_counters qc SET held = qc.held - x.n, sold = qc.sold + x.n
        FROM x WHERE qc.tenant_id = @t AND qc.quota_id = x.quota_id AND qc.occurrence_id = x.occurrence_id
        """;

    /// <summary>
    /// Puts refunded tickets of one ticket type back on sale, in the refund's transaction: the quota the hold drew
    /// them from sells <paramref name="n"/> fewer, and <paramref name="seatIds"/> (sold) become available again.
    /// Same lock order as everywhere: quota counter, then seats.
    /// </summary>
    public async Task ReturnSoldAsync(Guid tenantId, Guid holdId, Guid occurrenceId, Guid ticketTypeId, int n, Guid[] seatIds, CancellationToken ct)
    {
        // The paid hold's units may still sit in held (settlement runs after payment): settle this hold first,
        // waiting for a settler that has it locked right now, so the sold count taken back below includes it.
        await sql.ExecuteAsync(SettleQuotasSql(skipLocked: false), ct, P("t", tenantId), P("h", holdId), P("limit", 1));
        await sql.ExecuteAsync("""
            UPDATE quota_counters qc SET sold = qc.sold - @n
            WHERE qc.tenant_id = @t AND qc.occurrence_id = @o AND qc.quota_id = (
                SELECT i.quota_id FROM hold_items i
                WHERE i.tenant_id = @t AND i.hold_id = @h AND i.ticket_type_id = @tt AND i.quota_id IS NOT NULL LIMIT 1)
            """, ct, P("t", tenantId), P("o", occurrenceId), P("h", holdId), P("tt", ticketTypeId), P("n", n));
        if (seatIds.Length > 0)
        {
            await sql.ExecuteAsync("""
                UPDATE event_seats SET state = 'available', hold_id = NULL, held_until = NULL
                WHERE tenant_id = @t AND occurrence_id = @o AND seat_id = ANY(@ids) AND state = 'sold'
                """, ct, P("t", tenantId), P("o", occurrenceId), P("ids", seatIds));
        }
    }

    /// <summary>Moves a converted hold's quantities from held to sold on its reseller allocations (rows per reseller, not contended).</summary>
    public async Task SellAllocationsAsync(Guid tenantId, Guid holdId, CancellationToken ct)
    {
        await sql.ExecuteAsync("""
            UPDATE reseller_allocations a SET held = a.held - x.n, sold = a.sold + x.n
            FROM (SELECT allocation_id, sum(quantity)::int AS n FROM hold_items
                  WHERE tenant_id = @t AND hold_id = @h AND allocation_id IS NOT NULL GROUP BY allocation_id) x
            WHERE a.tenant_id = @t AND a.id = x.allocation_id
            """, ct, P("t", tenantId), P("h", holdId));
    }

    private async Task ReturnStockAsync(Guid tenantId, Guid[] holdIds, CancellationToken ct)
    {
        // An order still awaiting payment for an ended hold can no longer be paid; say so through the outbox.
        var expiredOrders = await sql.QueryAsync("""
            UPDATE orders SET state = 'expired' WHERE tenant_id = @t AND hold_id = ANY(@ids) AND state = 'pending_payment'
            RETURNING id, event_id, hold_id
            """, r => new OrderExpired(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2)), ct, P("t", tenantId), P("ids", holdIds));
        if (expiredOrders.Count > 0)
        {
            var outbox = new OutboxWriter(db, TimeProvider.System);
            foreach (var expired in expiredOrders)
            {
                outbox.Add("order.expired", expired);
            }

            await db.SaveChangesAsync(ct);
        }
        await sql.ExecuteAsync("""
            UPDATE reseller_allocations a SET held = a.held - x.n
            FROM (SELECT allocation_id, sum(quantity)::int AS n FROM hold_items
                  WHERE tenant_id = @t AND hold_id = ANY(@ids) AND allocation_id IS NOT NULL GROUP BY allocation_id) x
            WHERE a.tenant_id = @t AND a.id = x.allocation_id
            """, ct, P("t", tenantId), P("ids", holdIds));
        await sql.ExecuteAsync("""
            UPDATE quota_counters qc SET held = qc.held - x.n
            FROM (SELECT quota_id, occurrence_id, sum(quantity)::int AS n FROM hold_items
                  WHERE tenant_id = @t AND hold_id = ANY(@ids) AND quota_id IS NOT NULL GROUP BY quota_id, occurrence_id) x
            WHERE qc.tenant_id = @t AND qc.quota_id = x.quota_id AND qc.occurrence_id = x.occurrence_id
            """, ct, P("t", tenantId), P("ids", holdIds));
        await sql.ExecuteAsync("""
            UPDATE event_seats SET state = 'available', hold_id = NULL, held_until = NULL
            WHERE tenant_id = @t AND hold_id = ANY(@ids) AND state = 'held'
            """, ct, P("t", tenantId), P("ids", holdIds));
        await sql.ExecuteAsync("""
            UPDATE buyer_event_counters b SET tickets = b.tickets - x.n
            FROM (SELECT h.event_id, k.key AS buyer_key, sum(h.quantity)::int AS n
                  FROM holds h CROSS JOIN LATERAL unnest(ARRAY[h.buyer_account_key, h.buyer_email_key]) AS k(key)
                  WHERE h.tenant_id = @t AND h.id = ANY(@ids) AND k.key IS NOT NULL GROUP BY h.event_id, k.key) x
            WHERE b.tenant_id = @t AND b.event_id = x.event_id AND b.buyer_key = x.buyer_key
            """, ct, P("t", tenantId), P("ids", holdIds));
    }
}

/// <summary>The order.expired event's data.</summary>
internal sealed record OrderExpired(Guid OrderId, Guid EventId, Guid HoldId);

internal sealed record ReclaimFilter(Guid? QuotaId = null, Guid? OccurrenceId = null, string? BuyerKey = null, Guid? EventId = null, Guid? HoldId = null,
    Guid? AllocationId = null);
