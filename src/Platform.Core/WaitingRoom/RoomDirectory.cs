using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Persistence;

namespace Platform.WaitingRoom;

/// <summary>A room's figures as a node last read them (at most <see cref="WaitingRoomOptions.CacheFor"/> old).</summary>
public sealed record RoomSnapshot(string State, int RatePerMinute, int ReleasePercent, DateTimeOffset OpensAt, bool Shuffled, bool HasPresale,
    long PresaleNext, long PresaleAdmitted, long GeneralNext, long GeneralAdmitted, int? AutoOnPerSecond = null, string? MemberSalt = null)
{
    /// <summary>Whether public holds of the event need a pass (open or paused; a closed or armed room is off).</summary>
    public bool On => RoomStates.IsOn(State);

    /// <summary>Off, and switching itself on when the event's arrival rate passes <see cref="AutoOnPerSecond"/>.</summary>
    public bool Armed => State == RoomStates.Armed && AutoOnPerSecond is not null;

    /// <summary>The last general sequence number grey release lets in (the lane's share, rounded up).</summary>
    public long GeneralCap => CapOf(GeneralNext);

    /// <summary>
    /// The cap for a general lane of <paramref name="queued"/> buyers. A node's snapshot may be a second older than
    /// a ticket it is asked about, so positions pass the larger of the two counts (the ticket itself is queued).
    /// </summary>
    public long CapOf(long queued) => ReleasePercent >= 100 ? queued : (queued * ReleasePercent + 99) / 100;

    public static RoomSnapshot Of(Room r) => new(r.State, r.RatePerMinute, r.ReleasePercent, r.OpensAt, r.Shuffled, r.PresaleCodeHash is not null,
        r.PresaleNext, r.PresaleAdmitted, r.GeneralNext, r.GeneralAdmitted, r.AutoOnPerSecond, r.MemberSalt);
}

/// <summary>
/// Serves rooms from this node's memory for about a second, so a poll or a hold costs no database round trip for
/// the room: one read per room per second per node, whatever the crowd. A change made on this node is seen at once;
/// on other nodes within <see cref="WaitingRoomOptions.CacheFor"/>.
/// </summary>
public sealed class RoomDirectory(IMemoryCache cache, IOptions<WaitingRoomOptions> options)
{
    private static readonly object None = new();

    public async Task<RoomSnapshot?> FindAsync(PlatformDbContext db, Guid tenantId, Guid eventId, CancellationToken ct)
    {
        var key = Key(tenantId, eventId);
        if (cache.TryGetValue(key, out var cached))
        {
            return cached as RoomSnapshot;
        }

        var room = await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.EventId == eventId, ct);
        var snapshot = room is null ? null : RoomSnapshot.Of(room);
        cache.Set(key, (object?)snapshot ?? None, options.Value.CacheFor);
        return snapshot;
    }

    public void Forget(Guid tenantId, Guid eventId) => cache.Remove(Key(tenantId, eventId));

    private static string Key(Guid tenantId, Guid eventId) => $"waiting-room:{tenantId:N}:{eventId:N}";
}
