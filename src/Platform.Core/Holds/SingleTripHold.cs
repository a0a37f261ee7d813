using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Persistence;
using static Platform.Holds.CheckoutSql;

namespace Platform.Holds;

/// <summary>
/// Creates a hold without reseller lines in ONE round trip: the tenant setting, the per-buyer counters, the hold, its
/// seat claims and items, and last the quota counters go to PostgreSQL as one batch, which runs as one implicit
/// transaction and commits as soon as its last statement is done. The quota row every buyer of the event contends on is therefore
/// locked only while the server runs its UPDATE and the commit — never while a reply travels to a busy app and
/// back, which is what bounded holds/s before (measured: 40 of 64 connections queued on that lock, its holder idle
/// in transaction). A conditional UPDATE that matches no row aborts the batch through <c>checkout_require</c>, and
/// so does <see cref="SaleGuard"/> when the event stopped selling since its facts were cached.
/// </summary>
internal sealed class SingleTripHold(PlatformDbContext db)
{
    /// <summary>The batch failed because a buyer counter or a quota had too little left; nothing was written.</summary>
    public sealed class Refused(string code) : Exception(code)
    {
        public string Code { get; } = code;
    }

    public const string SoldOut = "sold_out";
    public const string BuyerLimit = "buyer_limit_reached";
    public const string SeatsTaken = "seats_taken";

    /// <summary>
    /// Items with seats claim exactly those seats (available, or held by an expired hold); fewer than all of them
    /// refuses with <see cref="SeatsTaken"/>. <paramref name="skipLockedSeats"/> (best available) skips seats another
    /// buyer is claiming this instant instead of waiting for them.
    /// </summary>
    /// <paramref name="completion"/> (the Idempotency-Key's answer, ADR 0019) commits in the same batch, or nothing does.
    public async Task CreateAsync(Guid tenantId, Hold hold, IReadOnlyList<HoldItem> items, IReadOnlyList<string> buyerKeys, int maxPerBuyer,
        bool skipLockedSeats, (string Sql, NpgsqlParameter[] Parameters)? completion, CancellationToken ct)
    {
        try
        {
            await TenantBatch.OnConnectionAsync(db, async connection =>
            {
                await using var batch = new TenantBatch(connection, null, tenantId);
                batch.Add(SaleGuard.Sql, SaleGuard.Parameters(tenantId, hold));
                foreach (var key in buyerKeys.Order(StringComparer.Ordinal))
                {
                    batch.Add($"""
                        WITH up AS (
                            INSERT INTO buyer_event_counters (tenant_id, event_id, buyer_key, tickets) VALUES (@t, @e, @k, @n)
                            ON CONFLICT (tenant_id, event_id, buyer_key) DO UPDATE SET tickets = buyer_event_counters.tickets + excluded.tickets
                            WHERE buyer_event_counters.tickets + excluded.tickets <= @max
                            RETURNING 1)
                        SELECT checkout_require(EXISTS (SELECT 1 FROM up), '{BuyerLimit}')
                        """, P("t", tenantId), P("e", hold.EventId), P("k", key), P("n", hold.Quantity), P("max", maxPerBuyer));
                }

                batch.Add("""
                    INSERT INTO holds (tenant_id, id, token_hash, event_id, occurrence_id, channel, state, quantity, buyer_account_key,
                                       buyer_email_key, created_at, expires_at, extended, created_by)
                    VALUES (@t, @h, @token, @e, @o, @channel, 'active', @n, @account, @email, @now, @until, false, @by)
                    """, P("t", tenantId), P("h", hold.Id), P("token", hold.TokenHash), P("e", hold.EventId), P("o", hold.OccurrenceId),
                    P("channel", Venues.SnakeCaseEnumConverter<Sales.SalesChannel>.ToText(hold.Channel)), P("n", hold.Quantity),
                    Nullable("account", hold.BuyerAccountKey), Nullable("email", hold.BuyerEmailKey), P("now", hold.CreatedAt),
                    P("until", hold.ExpiresAt), Nullable("by", hold.CreatedBy));
                // Seats in seat-id order within each claim, as everywhere (ADR 0006), after the hold row they point to.
                foreach (var item in items.Where(i => i.SeatIds.Length > 0))
                {
                    batch.Add(HoldStock.ClaimSeatsSql(skipLockedSeats, asCheck: true, refusal: SeatsTaken),
                        [.. HoldStock.ClaimSeatsParameters(tenantId, hold.EventId, hold.OccurrenceId, item.PriceZoneId, item.SeatIds, hold.Id,
                            hold.ExpiresAt, hold.CreatedAt), P("n", item.SeatIds.Length)]);
                }

                foreach (var item in items)
                {
                    batch.Add("""
                        INSERT INTO hold_items (tenant_id, id, hold_id, ticket_type_id, occurrence_id, quota_id, price_zone_id, quantity, seat_ids,
                                                audience)
                        VALUES (@t, @i, @h, @type, @o, @q, @z, @n, @seats, @audience)
                        """, P("t", tenantId), P("i", item.Id), P("h", hold.Id), P("type", item.TicketTypeId), P("o", item.OccurrenceId),
                        P("q", item.QuotaId), P("z", item.PriceZoneId), P("n", item.Quantity), P("seats", item.SeatIds),
                        Nullable("audience", item.Audience is { } a ? Venues.SnakeCaseEnumConverter<Pricing.Audience>.ToText(a) : null));
                }

                // Before the quota UPDATE: the contended row's lock must not wait on one more statement.
                if (completion is { } answer)
                {
                    batch.Add(answer.Sql, answer.Parameters);
                }

                foreach (var (quotaId, n) in items.Where(i => i.QuotaId is not null).GroupBy(i => i.QuotaId!.Value)
                             .Select(g => (g.Key, g.Sum(i => i.Quantity))).OrderBy(q => q.Key))
                {
                    batch.Add($"""
                        WITH q AS (
                            UPDATE quota_counters SET held = held + @n
                            WHERE tenant_id = @t AND quota_id = @q AND occurrence_id = @o AND capacity - held - sold >= @n
                            RETURNING 1)
                        SELECT checkout_require(EXISTS (SELECT 1 FROM q), '{SoldOut}')
                        """, P("t", tenantId), P("q", quotaId), P("o", hold.OccurrenceId), P("n", n));
                }

                return await batch.ExecuteAsync(ct);
            }, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == CheckoutRequire.SqlState && ex.MessageText == Checkout.IdempotencyRecord.ClaimLost)
        {
            throw Checkout.IdempotencyRecord.LostClaim();
        }
        catch (PostgresException ex) when (ex.SqlState == CheckoutRequire.SqlState)
        {
            throw new Refused(ex.MessageText);
        }
    }

    private static NpgsqlParameter Nullable(string name, string? value) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = value is null ? DBNull.Value : value };
}
