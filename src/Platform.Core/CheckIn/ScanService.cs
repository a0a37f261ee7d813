using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Authorization;
using Platform.Persistence;
using Platform.Pricing;
using Platform.Tenancy;
using Platform.Tickets;
using Platform.Tickets.Codes;
using Platform.Tickets.Ledger;
using Platform.Venues;
using static Platform.Holds.CheckoutSql;

namespace Platform.CheckIn;

/// <summary>Who scans: a person or API client (actor = subject) or an enrolled device (limited to its events).</summary>
internal sealed record Scanner(string Actor, Guid? DeviceId, IReadOnlyCollection<Guid>? EventIds)
{
    public string DeviceKey => DeviceId is { } id ? $"device:{id}" : Actor;

    public bool MayScan(Guid eventId) => EventIds is null || EventIds.Contains(eventId);

    public static Scanner From(ClaimsPrincipal user)
    {
        var subject = user.FindFirst(PlatformClaims.Subject)?.Value ?? "unknown";
        if (user.FindFirst(DeviceAuthentication.DeviceIdClaim)?.Value is { } device && Guid.TryParse(device, out var deviceId))
        {
            var events = user.FindAll(DeviceAuthentication.DeviceEventClaim).Select(c => Guid.Parse(c.Value)).ToList();
            return new Scanner(subject, deviceId, user.HasClaim(c => c.Type == DeviceAuthentication.AllEventsClaim) ? null : events);
        }

        return new Scanner(subject, null, null);
    }
}

/// <summary>
/// Decides a scan. The signature is verified in memory against the tenant's cached public keys; then ONE statement
/// (sent with the tenant setting as one batch, i.e. one round trip and one implicit transaction) reads the ticket,
/// inserts the admission row <c>ON CONFLICT DO NOTHING</c> (or toggles in/out when the event allows re-entry), and
/// — only when it admitted — writes the check-in list row and the unsealed <c>checked_in</c> ledger entry, so the
/// admission and its provenance commit together. Concurrent scans of one ticket serialize on the admission row's
/// unique key: exactly one inserts. The seat (section, row, seat label) is joined into the same statement's ticket read
/// by primary keys — no second round trip for the gate to see where a seated ticket sits.
/// An online scan takes its connection straight from the pool (<see cref="NpgsqlDataSource"/>), not through the
/// request's EF context: the statement is raw SQL, and opening the context's connection was the request's first use of
/// EF, which built the context's internal services (options lookup, model, connection wrapper) — about a tenth of the
/// scan's app CPU in a profile of S5, for nothing the scan uses.
/// </summary>
internal sealed class ScanService(PlatformDbContext db, NpgsqlDataSource dataSource, TenantContext tenant, TicketCodes codes, TimeProvider clock)
{
    /// <summary>A device clock more than this ahead of the server is not trusted.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>Offline scans older than this are not trusted either (no device stays offline for a week).</summary>
    public static readonly TimeSpan MaxBehind = TimeSpan.FromDays(7);

    private const string Sql = """
        WITH t AS (
            SELECT tk.id, tk.event_id, tk.ticket_type_id, tk.state, tk.code_version, tk.audience, tk.seat_id, sec.name AS section, st.row_label, st.seat_label
            FROM tickets tk
            LEFT JOIN seats st ON st.tenant_id = tk.tenant_id AND st.id = tk.seat_id
            LEFT JOIN venue_sections sec ON sec.tenant_id = st.tenant_id AND sec.id = st.section_id
            WHERE tk.tenant_id = @t AND tk.id = @ticket),
        ok AS (
            SELECT id, event_id, ticket_type_id FROM t WHERE state = 'valid' AND event_id = @e AND code_version = @v),
        adm AS (
            INSERT INTO ticket_admissions AS a (tenant_id, ticket_id, event_id, ticket_type_id, first_scanned_at, first_gate, inside, entries,
                                               last_scanned_at, last_gate)
            SELECT @t, id, event_id, ticket_type_id, @at, @gate, true, 1, @at, @gate FROM ok
            ON CONFLICT (tenant_id, ticket_id) DO UPDATE
                SET inside = NOT a.inside, entries = a.entries + CASE WHEN a.inside THEN 0 ELSE 1 END,
                    last_scanned_at = excluded.last_scanned_at, last_gate = excluded.last_gate
                WHERE EXISTS (SELECT 1 FROM check_in_settings s WHERE s.tenant_id = @t AND s.event_id = @e AND s.allow_re_entry)
            RETURNING a.inside),
        list AS (
            INSERT INTO check_ins (tenant_id, id, event_id, ticket_id, ticket_type_id, gate, direction, scanned_at, recorded_at, device_id, source)
            SELECT @t, @cid, ok.event_id, ok.id, ok.ticket_type_id, @gate, CASE WHEN adm.inside THEN 'in' ELSE 'out' END, @at, @now, @device, @source
            FROM adm, ok RETURNING 1),
        ledger AS (
            INSERT INTO ticket_ledger_entries (tenant_id, id, ticket_id, kind, data, actor, occurred_at)
            SELECT @t, @lid, ok.id, CASE WHEN adm.inside THEN 'checked_in' ELSE 'checked_out' END, @data, @actor, @now
            FROM adm, ok RETURNING 1)
        SELECT t.state, t.event_id, t.code_version, t.ticket_type_id, adm.inside, prev.first_scanned_at, prev.first_gate,
               (SELECT count(*) FROM list) + (SELECT count(*) FROM ledger), t.audience, t.seat_id, t.section, t.row_label, t.seat_label
        FROM (SELECT 1) one
        LEFT JOIN t ON true
        LEFT JOIN adm ON true
        LEFT JOIN ticket_admissions prev ON prev.tenant_id = @t AND prev.ticket_id = t.id
        """;

    public sealed record Input(Guid EventId, string? Code, string Gate, DateTimeOffset? ScannedAt, string Source);

    /// <summary>The recorded scan time: the device's unless it is implausible (too far ahead, too old), then the server's — flagged.</summary>
    public static (DateTimeOffset At, bool Skewed) Clamp(DateTimeOffset? scannedAt, DateTimeOffset now)
    {
        if (scannedAt is not { } at)
        {
            return (now, false);
        }

        return at > now + MaxAhead || at < now - MaxBehind ? (now, true) : (at.ToUniversalTime(), false);
    }

    /// <summary>Scans outside any transaction: one round trip (tenant setting + the statement as one batch).</summary>
    public Task<ScanResponse> ScanAsync(Input input, Scanner scanner, CancellationToken ct) => ScanAsync(input, scanner, null, ct);

    /// <summary>Scans inside the context's current transaction when <paramref name="transaction"/> is set (offline uploads).</summary>
    public async Task<ScanResponse> ScanAsync(Input input, Scanner scanner, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var now = PostgresTime.Now(clock);
        var (at, skewed) = Clamp(input.ScannedAt, now);
        at = PostgresTime.Truncate(at);
        TicketSeatResponse? seat = null; // set once the statement found the ticket
        ScanResponse Reply(ScanResult result, string? reason, Guid? ticket = null, Guid? type = null, DateTimeOffset? firstAt = null, string? firstGate = null,
            Audience? audience = null)
        {
            Observability.PlatformMetrics.CheckIn(tenant.TenantId, result);
            return new(result, reason, ticket, type, at, skewed, firstAt, firstGate, audience, seat);
        }

        var verified = await codes.VerifyAsync(input.Code, ct);
        if (!verified.Ok && await Import.LegacyCodes.FindAsync(db, tenant, input.Code, ct) is { } legacy)
        {
            verified = legacy;
        }

        if (!verified.Ok)
        {
            return Reply(ScanResult.Invalid, verified.Failure);
        }

        if (verified.EventId != input.EventId)
        {
            return Reply(ScanResult.WrongEvent, null, verified.TicketId);
        }

        var tenantId = tenant.RequiredTenantId;
        var data = LedgerHash.Data(new Dictionary<string, string?>
        {
            ["gate"] = input.Gate, ["scannedAt"] = at.ToString("O"), ["source"] = input.Source, ["device"] = scanner.DeviceId?.ToString(),
        });
        NpgsqlParameter[] parameters =
        [
            P("t", tenantId), P("ticket", verified.TicketId), P("e", input.EventId), P("v", verified.CodeVersion), P("at", at), P("gate", input.Gate),
            P("cid", Guid.CreateVersion7()), P("lid", Guid.CreateVersion7()), P("now", now), P("device", scanner.DeviceId), P("source", input.Source),
            P("data", data), P("actor", scanner.Actor),
        ];

        // Online: a pooled connection of its own, the batch its own implicit transaction. Offline upload: the context's
        // connection and transaction, where the nonce was claimed.
        var pooled = transaction is null ? await dataSource.OpenConnectionAsync(ct) : null;
        var connection = pooled ?? (NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            Row? row;
            await using (var batch = new TenantBatch(connection, transaction, tenantId, db))
            {
                batch.Add(Sql, parameters);
                await using var reader = await batch.ReadAsync(ct);
                row = await ReadAsync(reader, ct);
            }

            if (row is null)
            {
                return Reply(ScanResult.Invalid, "unknown_ticket", verified.TicketId);
            }

            var r = row.Value;
            seat = r.Seat;
            if (r.State != "valid")
            {
                return Reply(ScanResult.Revoked, null, verified.TicketId, r.TypeId, audience: r.Audience);
            }

            if (r.EventId != input.EventId)
            {
                return Reply(ScanResult.WrongEvent, null, verified.TicketId, r.TypeId, audience: r.Audience);
            }

            if (r.CodeVersion != verified.CodeVersion)
            {
                return Reply(ScanResult.Invalid, "stale_code", verified.TicketId, r.TypeId, audience: r.Audience);
            }

            if (r.Inside is { } inside)
            {
                return inside
                    ? Reply(ScanResult.Admitted, null, verified.TicketId, r.TypeId, r.FirstAt ?? at, r.FirstGate ?? input.Gate, r.Audience)
                    : Reply(ScanResult.Exited, null, verified.TicketId, r.TypeId, r.FirstAt, r.FirstGate, r.Audience);
            }

            if (r.FirstAt is null)
            {
                // Lost a race: the winner committed after this statement's snapshot was taken. Rare; read it now.
                (r.FirstAt, r.FirstGate) = await WinnerAsync(connection, transaction, tenantId, verified.TicketId, ct);
            }

            return Reply(ScanResult.AlreadyUsed, null, verified.TicketId, r.TypeId, r.FirstAt, r.FirstGate, r.Audience);
        }
        finally
        {
            if (pooled is not null)
            {
                await pooled.DisposeAsync();
            }
        }
    }

    private struct Row
    {
        public string State;
        public Guid EventId;
        public int CodeVersion;
        public Guid TypeId;
        public bool? Inside;
        public DateTimeOffset? FirstAt;
        public string? FirstGate;
        public Audience Audience;
        public TicketSeatResponse? Seat;
    }

    private static async Task<Row?> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct) || await reader.IsDBNullAsync(0, ct))
        {
            return null;
        }

        return new Row
        {
            State = reader.GetString(0),
            EventId = reader.GetGuid(1),
            CodeVersion = reader.GetInt32(2),
            TypeId = reader.GetGuid(3),
            Inside = reader.IsDBNull(4) ? null : reader.GetBoolean(4),
            FirstAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            FirstGate = reader.IsDBNull(6) ? null : reader.GetString(6),
            Audience = SnakeCaseEnumConverter<Audience>.FromText(reader.GetString(8)),
            // A seat deleted from the map since (left joins find nothing) reads as no seat rather than failing the gate.
            Seat = reader.IsDBNull(9) || reader.IsDBNull(10)
                ? null
                : new TicketSeatResponse(reader.GetGuid(9), reader.GetString(10), reader.GetString(11), reader.GetString(12)),
        };
    }

    private static async Task<(DateTimeOffset?, string?)> WinnerAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid tenantId, Guid ticketId,
        CancellationToken ct)
    {
        await using var batch = new TenantBatch(connection, transaction, tenantId);
        batch.Add("SELECT first_scanned_at, first_gate FROM ticket_admissions WHERE tenant_id = @t AND ticket_id = @ticket",
            P("t", tenantId), P("ticket", ticketId));
        await using var reader = await batch.ReadAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1)) : (null, null);
    }
}
