using Microsoft.EntityFrameworkCore;
using Platform.Http;
using Platform.Persistence;

namespace Platform.WaitingRoom.Members;

/// <summary>The promoter's member list of a room: replace (upload), clear, count; and the join's lookup.</summary>
public sealed class MemberListService(PlatformDbContext db, RoomDirectory directory, TimeProvider clock, Auditing.AuditLog audit)
{
    public const string TooLongCode = "member_list_too_long";
    public const string NoAddressesCode = "member_list_empty";
    public const string NotListedCode = "waiting_room_member_not_listed";
    public const string EmailMismatchCode = "waiting_room_member_email_mismatch";

    /// <summary>Replaces the room's list in one transaction (all rows rewritten); null when the event has no room.</summary>
    public async Task<MemberListResponse?> ReplaceAsync(Guid eventId, string text, CancellationToken ct)
    {
        var (emails, rejected) = MemberList.Parse(text);
        if (emails.Count > MemberList.MaxMembers)
        {
            throw new ApiException(422, TooLongCode, $"The list holds {emails.Count:N0} distinct addresses; at most {MemberList.MaxMembers:N0} are allowed.");
        }

        if (emails.Count == 0)
        {
            throw new ApiException(422, NoAddressesCode, "The list holds no e-mail address; to remove the member list, DELETE it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var room = await db.Set<Room>().FromSql($"SELECT * FROM waiting_rooms WHERE event_id = {eventId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (room is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        // The salt is the room's for good: a pass bound to a member's hash stays valid across list replacements.
        room.MemberSalt ??= MemberList.NewSalt();
        room.MembersUpdatedAt = now;
        room.UpdatedAt = now;
        var hashes = emails.Select(e => MemberList.Hash(room.MemberSalt, e)).ToArray();
        await db.Database.ExecuteSqlAsync($"DELETE FROM waiting_room_members WHERE tenant_id = {room.TenantId} AND event_id = {eventId}", ct);
        // One statement for the whole list (an array parameter): 100,000 rows without 100,000 round trips.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO waiting_room_members (tenant_id, event_id, email_hash) SELECT {room.TenantId}, {eventId}, h FROM unnest({hashes}) AS h
            """, ct);
        audit.Record("waiting_room.members_replaced", "event", eventId.ToString(), new Dictionary<string, Auditing.FieldChange>
        {
            ["members"] = new(null, hashes.Length),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Forget(room.TenantId, eventId);
        return new MemberListResponse(hashes.Length, rejected.Count, [.. rejected.Take(MemberList.RejectedLinesShown)], now);
    }

    /// <summary>Removes the list: member e-mails join the general lane again (passes already issued stay bound).</summary>
    public async Task<bool> ClearAsync(Guid eventId, CancellationToken ct)
    {
        var room = await db.Set<Room>().FirstOrDefaultAsync(r => r.EventId == eventId, ct);
        if (room is null)
        {
            return false;
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM waiting_room_members WHERE tenant_id = {room.TenantId} AND event_id = {eventId}", ct);
        room.MembersUpdatedAt = clock.GetUtcNow();
        room.UpdatedAt = room.MembersUpdatedAt.Value;
        audit.Record("waiting_room.members_cleared", "event", eventId.ToString());
        await db.SaveChangesAsync(ct);
        directory.Forget(room.TenantId, eventId);
        return true;
    }

    public Task<int> CountAsync(Guid eventId, CancellationToken ct) => db.Set<RoomMember>().CountAsync(m => m.EventId == eventId, ct);

    /// <summary>The address's hash when it is on the room's list (salted with <paramref name="salt"/>), otherwise null.</summary>
    public async Task<string?> ListedAsync(Guid eventId, string salt, string email, CancellationToken ct)
    {
        var hash = MemberList.Hash(salt, email);
        return await db.Set<RoomMember>().AnyAsync(m => m.EventId == eventId && m.EmailHash == hash, ct) ? hash : null;
    }
}
