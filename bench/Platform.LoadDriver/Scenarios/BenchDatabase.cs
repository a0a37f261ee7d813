using Npgsql;

namespace Platform.LoadDriver.Scenarios;

/// <summary>
/// Sets up on-sale stock for the checkout scenarios and checks the outcome, as the schema owner through SQL (the
/// driver has no staff token). Every statement runs in a transaction that sets the tenant for Row-Level Security.
/// </summary>
public sealed class BenchDatabase(string ownerConnectionString, string tenantSlug)
{
    public Guid TenantId { get; private set; }

    public string TenantSlug => tenantSlug;

    public string Currency { get; private set; } = "EUR";

    public async Task<T> InTenantAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        if (TenantId == Guid.Empty)
        {
            await using var find = new NpgsqlCommand("SELECT id, default_currency FROM tenants WHERE slug = @s", connection);
            find.Parameters.AddWithValue("s", tenantSlug);
            await using var reader = await find.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"Tenant {tenantSlug} not found: load the sample tenants first.");
            }

            (TenantId, Currency) = (reader.GetGuid(0), reader.GetString(1).Trim());
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", connection, transaction))
        {
            set.Parameters.AddWithValue("t", TenantId.ToString());
            await set.ExecuteScalarAsync(ct);
        }

        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, CancellationToken ct, params (string, object)[] ps)
    {
        await using var command = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in ps)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An on-sale event, one occurrence, an open web window. Returns (event, occurrence).</summary>
    public Task<(Guid Event, Guid Occurrence)> CreateEventAsync(string title, Guid? venueId, CancellationToken ct) => InTenantAsync(async (c, tx) =>
    {
        var (ev, occurrence) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await ScalarAsync(c, tx, """
            INSERT INTO events (tenant_id, id, title, category, venue_id, time_zone, status, created_at, updated_at, published_at)
            VALUES (@t, @e, @title, 'concert', @v, 'UTC', 'on_sale', now(), now(), now());
            INSERT INTO event_occurrences (tenant_id, id, event_id, starts_at, ends_at, time_zone)
            VALUES (@t, @o, @e, now() + interval '30 days', now() + interval '30 days 3 hours', 'UTC');
            INSERT INTO sales_windows (tenant_id, id, event_id, channel, opens_at, closes_at)
            VALUES (@t, gen_random_uuid(), @e, 'web', now() - interval '1 day', now() + interval '29 days');
            """, ct, ("t", TenantId), ("e", ev), ("o", occurrence), ("title", title), ("v", (object?)venueId ?? DBNull.Value));
        return (ev, occurrence);
    }, ct);

    /// <summary>A quota of <paramref name="capacity"/> with its counter and a GA ticket type drawing from it.</summary>
    public Task<Guid> CreateGaTicketAsync(Guid ev, Guid occurrence, int capacity, CancellationToken ct) => InTenantAsync(async (c, tx) =>
    {
        var (quota, type) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await ScalarAsync(c, tx, """
            INSERT INTO quotas (tenant_id, id, event_id, name, capacity) VALUES (@t, @q, @e, 'Floor', @cap);
            INSERT INTO quota_counters (tenant_id, quota_id, occurrence_id, event_id, capacity, held, sold) VALUES (@t, @q, @o, @e, @cap, 0, 0);
            INSERT INTO ticket_types (tenant_id, id, event_id, name, kind, quota_id, price_minor, currency, min_per_order, max_per_order, channels,
                                      created_at, updated_at)
            VALUES (@t, @tt, @e, 'Standing', 'general_admission', @q, 4500, @cur, 1, 10, ARRAY['web'], now(), now());
            """, ct, ("t", TenantId), ("q", quota), ("e", ev), ("o", occurrence), ("cap", capacity), ("tt", type), ("cur", Currency));
        return type;
    }, ct);

    /// <summary>
    /// A venue of <paramref name="sections"/> seated sections of rows × seats (one price zone), the event's seat
    /// states, and one seated ticket type. Returns (ticket type, section ids in order).
    /// </summary>
    public Task<(Guid TicketType, Guid[] Sections)> CreateSeatMapAsync(Guid ev, Guid occurrence, Guid venue, int sections, int rows, int seatsPerRow,
        CancellationToken ct) => InTenantAsync(async (c, tx) =>
    {
        var (zone, type) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var sectionIds = Enumerable.Range(0, sections).Select(_ => Guid.CreateVersion7()).ToArray();
        await ScalarAsync(c, tx, """
            INSERT INTO price_zones (tenant_id, id, venue_id, code, name, color) VALUES (@t, @z, @v, 'std', 'Standard', '#336699');
            INSERT INTO venue_sections (tenant_id, id, venue_id, code, name, kind, capacity, price_zone_id, outline)
            SELECT @t, s.id, @v, 'S' || s.n, 'Section ' || s.n, 'seated', @rows * @per, @z, ARRAY[]::double precision[]
            FROM unnest(@sections::uuid[]) WITH ORDINALITY AS s(id, n);
            INSERT INTO seats (tenant_id, id, venue_id, section_id, row_label, seat_label, x, y, accessible, restricted_view, price_zone_id, ordinal)
            SELECT @t, gen_random_uuid(), @v, s.id, 'R' || r, seat::text, seat, r, false, false, @z, r * 1000 + seat
            FROM unnest(@sections::uuid[]) AS s(id), generate_series(1, @rows) r, generate_series(1, @per) seat;
            INSERT INTO event_seats (tenant_id, occurrence_id, seat_id, event_id, section_id, price_zone_id, state)
            SELECT tenant_id, @o, id, @e, section_id, price_zone_id, 'available' FROM seats WHERE tenant_id = @t AND venue_id = @v;
            INSERT INTO ticket_types (tenant_id, id, event_id, name, kind, price_zone_id, price_minor, currency, min_per_order, max_per_order, channels,
                                      created_at, updated_at)
            VALUES (@t, @tt, @e, 'Seat', 'seated', @z, 6500, @cur, 1, 10, ARRAY['web'], now(), now());
            """, ct, ("t", TenantId), ("z", zone), ("v", venue), ("sections", sectionIds), ("rows", rows), ("per", seatsPerRow), ("o", occurrence),
            ("e", ev), ("tt", type), ("cur", Currency));
        // As the platform's own seat writers do after a bulk write (ADR 0018): without it the new tenant's map is planned
        // as one row and the free-seat read takes ~17 s per call until autovacuum catches up.
        await ScalarAsync(c, tx, "SELECT 1 FROM refresh_planner_statistics('seats') AS a, refresh_planner_statistics('event_seats') AS b", ct);
        return (type, sectionIds);
    }, ct);

    public Task<Guid> CreateVenueAsync(string name, CancellationToken ct) => InTenantAsync(async (c, tx) =>
    {
        var venue = Guid.CreateVersion7();
        await ScalarAsync(c, tx, "INSERT INTO venues (tenant_id, id, name, created_at, updated_at) VALUES (@t, @v, @n, now(), now())", ct,
            ("t", TenantId), ("v", venue), ("n", name));
        return venue;
    }, ct);

    /// <summary>Prints what the database says: counters within capacity, sold = paid tickets, no seat in two paid orders.</summary>
    public async Task VerifyAsync(Guid ev, TextWriter output, CancellationToken ct)
    {
        // Paid holds' quota units move from held to sold in batches after payment, through the outbox (ADR 0006): let
        // them land. Under saturation the outbox can trail the payments by seconds, so wait up to a minute and say how long.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long unsettled;
        while ((unsettled = await InTenantAsync((c, tx) => ScalarAsync(c, tx,
                   "SELECT count(*) FROM holds WHERE tenant_id = @t AND event_id = @e AND state = 'converted' AND NOT quota_settled", ct,
                   ("t", TenantId), ("e", ev)), ct)) > 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100, ct);
        }

        output.WriteLine($"  settlement: caught up {clock.Elapsed.TotalSeconds:0.0} s after the run ({unsettled} paid holds still unsettled)");

        await VerifySettledAsync(ev, output, ct);
    }

    /// <summary>Waits (up to a minute) until PostgreSQL answers again, e.g. after the chaos run restarted it.</summary>
    public async Task WaitAvailableAsync(CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await InTenantAsync((c, tx) => ScalarAsync(c, tx, "SELECT 1", ct), ct);
                return;
            }
            catch (NpgsqlException) when (i < 120)
            {
                await Task.Delay(500, ct);
            }
        }
    }

    public Task<ChaosOutcome> ChaosOutcomeAsync(Guid ev, CancellationToken ct) => InTenantAsync(async (c, tx) =>
    {
        var (all, paid) = (new HashSet<Guid>(), new HashSet<Guid>());
        await using (var read = new NpgsqlCommand("SELECT id, state FROM orders WHERE tenant_id = @t AND event_id = @e", c, tx))
        {
            read.Parameters.AddWithValue("t", TenantId);
            read.Parameters.AddWithValue("e", ev);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                all.Add(reader.GetGuid(0));
                if (reader.GetString(1) == "paid")
                {
                    paid.Add(reader.GetGuid(0));
                }
            }
        }

        var unanswered = await ScalarAsync(c, tx, "SELECT count(*) FROM idempotency_keys WHERE tenant_id = @t AND status_code IS NULL", ct, ("t", TenantId));
        var expired = await ScalarAsync(c, tx,
            "SELECT count(*) FROM idempotency_keys WHERE tenant_id = @t AND status_code IS NULL AND lease_until < now()", ct, ("t", TenantId));
        var doubles = await ScalarAsync(c, tx, """
            SELECT count(*) FROM (SELECT p.order_id FROM payments p JOIN orders o ON o.tenant_id = p.tenant_id AND o.id = p.order_id
                                  WHERE p.tenant_id = @t AND o.event_id = @e AND p.kind = 'payment' AND p.status = 'succeeded'
                                  GROUP BY p.order_id HAVING count(*) > 1) d
            """, ct, ("t", TenantId), ("e", ev));
        var withoutTickets = await ScalarAsync(c, tx, """
            SELECT count(*) FROM orders o
            WHERE o.tenant_id = @t AND o.event_id = @e AND o.state = 'paid'
              AND (SELECT coalesce(sum(quantity), 0) FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id)
                  > (SELECT count(*) FROM tickets k WHERE k.tenant_id = o.tenant_id AND k.order_id = o.id)
            """, ct, ("t", TenantId), ("e", ev));
        return new ChaosOutcome(all, paid, unanswered, expired, doubles, withoutTickets);
    }, ct);

    private Task VerifySettledAsync(Guid ev, TextWriter output, CancellationToken ct) => InTenantAsync(async (c, tx) =>
    {
        var oversell = await ScalarAsync(c, tx,
            "SELECT coalesce(sum(greatest(held + sold - capacity, 0)), 0) FROM quota_counters WHERE tenant_id = @t AND event_id = @e", ct,
            ("t", TenantId), ("e", ev));
        var sold = await ScalarAsync(c, tx, "SELECT coalesce(sum(sold), 0) FROM quota_counters WHERE tenant_id = @t AND event_id = @e", ct,
            ("t", TenantId), ("e", ev));
        var soldSeats = await ScalarAsync(c, tx, "SELECT count(*) FROM event_seats WHERE tenant_id = @t AND event_id = @e AND state = 'sold'", ct,
            ("t", TenantId), ("e", ev));
        var paidTickets = await ScalarAsync(c, tx, """
            SELECT coalesce(sum(l.quantity), 0) FROM orders o JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
            WHERE o.tenant_id = @t AND o.event_id = @e AND o.state = 'paid'
            """, ct, ("t", TenantId), ("e", ev));
        var doubleSold = await ScalarAsync(c, tx, """
            SELECT count(*) FROM (
                SELECT s FROM orders o JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id, unnest(l.seat_ids) s
                WHERE o.tenant_id = @t AND o.event_id = @e AND o.state = 'paid' GROUP BY s HAVING count(*) > 1) d
            """, ct, ("t", TenantId), ("e", ev));
        output.WriteLine($"  database: paid tickets {paidTickets}, quota sold {sold}, seats sold {soldSeats}, oversell {oversell}, double-sold seats {doubleSold}");
        // The bench events sell either a quota or seats, never both, so paid tickets must equal the sum.
        var consistent = oversell == 0 && doubleSold == 0 && paidTickets == sold + soldSeats;
        output.WriteLine(consistent ? "  consistency: OK" : "  consistency: FAILED");
        return 0;
    }, ct);
}

/// <summary>What the database holds after a chaos run (see <see cref="ChaosScenario"/>).</summary>
public sealed record ChaosOutcome(HashSet<Guid> All, HashSet<Guid> Paid, long KeysUnanswered, long KeysExpired, long DoubleCharged, long PaidWithoutTickets);
