using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Sales;
using Platform.Tenancy;

namespace Platform.WaitingRoom;

/// <summary>The promoter's side of a room (switch on, change, pause, resume, close, figures) and the buyer's (join, position, pass).</summary>
public sealed class RoomService(PlatformDbContext db, TenantContext tenant, RoomDirectory directory, RoomTokens tokens,
    IOptions<WaitingRoomOptions> options, TimeProvider clock, Auditing.AuditLog audit, Outbox.OutboxWriter outbox, Members.MemberListService members)
{
    public const string ClosedCode = "waiting_room_closed";
    public const string PresaleCodeInvalid = "presale_code_invalid";
    public const string NotAdmittedCode = "waiting_room_not_admitted";
    public const string PassExpiredCode = "waiting_room_pass_expired";
    public const string TicketInvalidCode = "waiting_room_ticket_invalid";

    public async Task<RoomResponse?> ConfigureAsync(Guid eventId, RoomRequest request, CancellationToken ct)
    {
        if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var room = await db.Set<Room>().FirstOrDefaultAsync(r => r.EventId == eventId, ct);
        if (room is null)
        {
            room = new Room
            {
                TenantId = tenant.RequiredTenantId, EventId = eventId, State = RoomStates.Closed, CreatedAt = now, LastTickAt = now,
                OpensAt = request.OpensAt ?? await WebSaleOpensAsync(eventId, now, ct),
            };
            db.Add(room);
        }
        else if (!room.Shuffled && request.OpensAt is { } opensAt)
        {
            room.OpensAt = opensAt;
        }

        room.AutoOnPerSecond = request.AutoOnPerSecond;
        if (!RoomStates.IsOn(room.State))
        {
            // Switching an off room on (again: the queue continues where it stopped), or arming it to switch itself
            // on when the event's arrival rate passes the threshold (holds need no pass until then).
            room.State = request.AutoOnPerSecond is null ? RoomStates.Open : RoomStates.Armed;
            room.LastTickAt = now;
        }

        room.RatePerMinute = request.RatePerMinute;
        room.ReleasePercent = request.ReleasePercent ?? (room.ReleasePercent == 0 ? 100 : room.ReleasePercent);
        if (request.PresaleCode is not null)
        {
            room.PresaleCodeHash = request.PresaleCode.Trim().Length == 0 ? null : Hash(request.PresaleCode);
        }

        room.UpdatedAt = now;
        await SetActiveAsync(room, ct);
        await db.SaveChangesAsync(ct);
        directory.Forget(room.TenantId, eventId);
        return await FiguresAsync(room, ct);
    }

    /// <summary>Pause (admission stops, queue kept), resume, or close (the room is off: holds need no pass).</summary>
    public async Task<RoomResponse?> SetStateAsync(Guid eventId, string state, CancellationToken ct)
    {
        var room = await db.Set<Room>().FirstOrDefaultAsync(r => r.EventId == eventId, ct);
        if (room is null)
        {
            return null;
        }

        if (!RoomStates.IsOn(room.State) && state != RoomStates.Closed)
        {
            throw new ApiException(409, ClosedCode, $"The waiting room is {room.State}; switch it on with PUT.");
        }

        var now = clock.GetUtcNow();
        if (room.State == RoomStates.Paused && state == RoomStates.Open)
        {
            // No credit is earned while paused: resuming does not release a burst.
            room.LastTickAt = now;
        }

        room.State = state;
        room.UpdatedAt = now;
        await SetActiveAsync(room, ct);
        await db.SaveChangesAsync(ct);
        directory.Forget(room.TenantId, eventId);
        return await FiguresAsync(room, ct);
    }

    /// <summary>
    /// Automatic switch-on: an armed room turns open now (on-sale time now, so later arrivals queue first come first
    /// served), audited and announced (webhook <c>waiting_room.switched_on</c>). Only the first node to see the rate
    /// switches it: the update is conditional on the room still being armed. False when it was not armed any more.
    /// </summary>
    public async Task<bool> SwitchOnAutomaticallyAsync(Guid eventId, double arrivalsPerSecond, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var room = await db.Set<Room>().FromSql($"SELECT * FROM waiting_rooms WHERE event_id = {eventId} AND state = {RoomStates.Armed} FOR UPDATE")
            .FirstOrDefaultAsync(ct);
        if (room is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        room.State = RoomStates.Open;
        room.LastTickAt = now;
        if (!room.Shuffled)
        {
            room.OpensAt = now;
        }

        room.UpdatedAt = now;
        await SetActiveAsync(room, ct);
        audit.Record("waiting_room.switched_on", "event", eventId.ToString(), new Dictionary<string, Auditing.FieldChange>
        {
            ["state"] = new(RoomStates.Armed, RoomStates.Open),
            ["arrivalsPerSecond"] = new(null, Math.Round(arrivalsPerSecond, 1)),
            ["autoOnPerSecond"] = new(null, room.AutoOnPerSecond),
        });
        outbox.Add(SwitchedOnEvent, new RoomSwitchedOn(eventId, "automatic", Math.Round(arrivalsPerSecond, 1), room.AutoOnPerSecond, room.RatePerMinute, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Forget(room.TenantId, eventId);
        return true;
    }

    public const string SwitchedOnEvent = "waiting_room.switched_on";

    public async Task<RoomResponse?> GetAsync(Guid eventId, CancellationToken ct) =>
        await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.EventId == eventId, ct) is { } room ? await FiguresAsync(room, ct) : null;

    /// <summary>Joins the queue: one statement takes the next number of the lane (or none before opening) and writes the ticket.</summary>
    public async Task<RoomTicketResponse> JoinAsync(Guid eventId, JoinRoomRequest request, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var snapshot = await directory.FindAsync(db, tenantId, eventId, ct);
        if (snapshot is null || !snapshot.On)
        {
            throw new ApiException(409, ClosedCode, "This event has no open waiting room; go straight to the tickets.");
        }

        short lane = 1;
        string? member = null;
        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            // A member joins the presale lane, bound to the address (ADR 0063): its pass only holds for that e-mail.
            member = snapshot.MemberSalt is { } salt ? await members.ListedAsync(eventId, salt, request.Email, ct) : null;
            if (member is null)
            {
                throw new ApiException(422, Members.MemberListService.NotListedCode, "This e-mail address is not on the event's member list.",
                    new Dictionary<string, string[]> { ["email"] = ["This e-mail address is not on the event's member list."] });
            }

            lane = 0;
        }
        else if (!string.IsNullOrWhiteSpace(request.PresaleCode))
        {
            var hash = await db.Set<Room>().AsNoTracking().Where(r => r.EventId == eventId).Select(r => r.PresaleCodeHash).FirstOrDefaultAsync(ct);
            if (hash is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(request.PresaleCode))))
            {
                throw new ApiException(422, PresaleCodeInvalid, "The presale code is not valid for this event.");
            }

            lane = 0;
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var seqs = await db.Database.SqlQuery<long?>($"""
            WITH r AS (
                UPDATE waiting_rooms
                SET presale_next = presale_next + CASE WHEN shuffled AND {lane} = 0 THEN 1 ELSE 0 END,
                    general_next = general_next + CASE WHEN shuffled AND {lane} = 1 THEN 1 ELSE 0 END
                WHERE tenant_id = {tenantId} AND event_id = {eventId} AND state <> 'closed'
                RETURNING shuffled, CASE WHEN {lane} = 0 THEN presale_next ELSE general_next END AS next)
            INSERT INTO waiting_room_tickets (tenant_id, id, event_id, lane, seq, arrived_at)
            SELECT {tenantId}, {id}, {eventId}, {lane}, CASE WHEN r.shuffled THEN r.next END, {now} FROM r
            RETURNING seq AS "Value"
            """).ToListAsync(ct);
        if (seqs.Count == 0)
        {
            throw new ApiException(409, ClosedCode, "This event has no open waiting room; go straight to the tickets.");
        }

        var claim = new TicketClaim(tenantId, eventId, id, lane, seqs[0], member);
        var token = tokens.Ticket(claim);
        return new RoomTicketResponse(token, Position(snapshot, claim, null));
    }

    /// <summary>
    /// Where the ticket stands, from its signed sequence number and the cached cursors: no database write, and a read
    /// only once per ticket, when its pre-opening position has just been dealt (the answer then carries a new token).
    /// </summary>
    public async Task<RoomPositionResponse> PositionAsync(Guid eventId, TicketClaim claim, CancellationToken ct)
    {
        var snapshot = await directory.FindAsync(db, claim.TenantId, eventId, ct);
        if (snapshot is null || !snapshot.On)
        {
            return new RoomPositionResponse(RoomPositionStates.Off, null, null, null, null);
        }

        string? renewed = null;
        if (claim.Seq is null && snapshot.Shuffled)
        {
            claim = claim with { Seq = await SeqAsync(claim.TicketId, ct) };
            renewed = claim.Seq is null ? null : tokens.Ticket(claim);
        }

        return Position(snapshot, claim, renewed);
    }

    /// <summary>Issues the pass of an admitted ticket; its lifetime runs from the first claim (claiming again gives the same end).</summary>
    public async Task<RoomPassResponse> ClaimPassAsync(Guid eventId, TicketClaim claim, CancellationToken ct)
    {
        var position = await PositionAsync(eventId, claim, ct);
        if (position.State != RoomPositionStates.Admitted)
        {
            throw new ApiException(409, NotAdmittedCode, "This ticket has not been admitted yet; keep polling its position.");
        }

        var now = clock.GetUtcNow();
        var issued = await db.Database.SqlQuery<DateTimeOffset>($"""
            UPDATE waiting_room_tickets SET pass_issued_at = coalesce(pass_issued_at, {now})
            WHERE tenant_id = {claim.TenantId} AND id = {claim.TicketId} RETURNING pass_issued_at AS "Value"
            """).ToListAsync(ct);
        if (issued.Count == 0)
        {
            throw new ApiException(409, TicketInvalidCode, "This queue ticket is no longer known; join the queue again.");
        }

        var expiresAt = issued[0] + options.Value.PassLifetime;
        if (expiresAt <= now)
        {
            throw new ApiException(409, PassExpiredCode, "This ticket's pass has expired unused; join the queue again.");
        }

        return new RoomPassResponse(tokens.Pass(new PassClaim(claim.TenantId, eventId, claim.TicketId, expiresAt, claim.Member)), expiresAt);
    }

    /// <summary>Counts the pass as used the first time a hold succeeds with it.</summary>
    public Task MarkUsedAsync(Guid ticketId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE waiting_room_tickets SET pass_used_at = {now}
            WHERE tenant_id = {tenant.RequiredTenantId} AND id = {ticketId} AND pass_used_at IS NULL
            """, ct);
    }

    internal static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim())));

    private RoomPositionResponse Position(RoomSnapshot room, TicketClaim claim, string? renewed)
    {
        if (claim.Seq is not { } seq)
        {
            return new RoomPositionResponse(RoomPositionStates.BeforeOpening, null, null, room.OpensAt, renewed);
        }

        var presale = claim.Lane == 0;
        var admitted = presale ? room.PresaleAdmitted : room.GeneralAdmitted;
        if (seq <= admitted)
        {
            return new RoomPositionResponse(RoomPositionStates.Admitted, 0, 0, null, renewed);
        }

        // The presale cohort is served first: a general buyer also waits for everyone still queued there.
        var position = seq - admitted + (presale ? 0 : room.PresaleNext - room.PresaleAdmitted);
        var state = room.State == RoomStates.Paused ? RoomPositionStates.Paused
            : !presale && seq > room.CapOf(Math.Max(room.GeneralNext, seq)) ? RoomPositionStates.AwaitingRelease
            : RoomPositionStates.Waiting;
        int? wait = state == RoomPositionStates.Waiting ? (int)Math.Min(int.MaxValue, Math.Ceiling(position * 60.0 / room.RatePerMinute)) : null;
        return new RoomPositionResponse(state, position, wait, null, renewed);
    }

    private async Task<long?> SeqAsync(Guid ticketId, CancellationToken ct) =>
        await db.Set<RoomTicket>().AsNoTracking().Where(t => t.Id == ticketId).Select(t => t.Seq).FirstOrDefaultAsync(ct);

    private async Task<DateTimeOffset> WebSaleOpensAsync(Guid eventId, DateTimeOffset now, CancellationToken ct)
    {
        var opens = await db.Set<SalesWindow>().AsNoTracking().Where(w => w.EventId == eventId && w.Channel == SalesChannel.Web && w.ClosesAt > now)
            .OrderBy(w => w.OpensAt).Select(w => (DateTimeOffset?)w.OpensAt).FirstOrDefaultAsync(ct);
        return opens is { } at && at > now ? at : now;
    }

    private async Task SetActiveAsync(Room room, CancellationToken ct)
    {
        var active = await db.Set<ActiveRoom>().FirstOrDefaultAsync(a => a.EventId == room.EventId, ct);
        if (!RoomStates.IsOn(room.State) && active is not null)
        {
            db.Remove(active);
        }
        else if (RoomStates.IsOn(room.State) && active is null)
        {
            db.Add(new ActiveRoom { EventId = room.EventId, RoomTenantId = room.TenantId });
        }
    }

    private async Task<RoomResponse> FiguresAsync(Room room, CancellationToken ct)
    {
        var abandonedBefore = clock.GetUtcNow() - options.Value.PassLifetime;
        var counts = await db.Set<RoomTicket>().AsNoTracking().Where(t => t.EventId == room.EventId)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Unplaced = g.LongCount(t => t.Seq == null),
                Issued = g.LongCount(t => t.PassIssuedAt != null),
                Used = g.LongCount(t => t.PassUsedAt != null),
                Abandoned = g.LongCount(t => t.PassIssuedAt < abandonedBefore && t.PassUsedAt == null),
            })
            .FirstOrDefaultAsync(ct);
        return new RoomResponse(room.EventId, room.State, room.RatePerMinute, room.AutoOnPerSecond, room.ReleasePercent, room.PresaleCodeHash is not null, room.OpensAt,
            room.Shuffled, room.PresaleNext - room.PresaleAdmitted + room.GeneralNext - room.GeneralAdmitted, counts?.Unplaced ?? 0,
            room.PresaleAdmitted + room.GeneralAdmitted, counts?.Issued ?? 0, counts?.Used ?? 0, counts?.Abandoned ?? 0, room.LastTickAt,
            room.MemberSalt is null ? 0 : await members.CountAsync(room.EventId, ct));
    }
}

public static class RoomPositionStates
{
    public const string BeforeOpening = "before_opening";
    public const string Waiting = "waiting";
    public const string AwaitingRelease = "awaiting_release";
    public const string Paused = "paused";
    public const string Admitted = "admitted";
    public const string Off = "off";
}
