using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.WaitingRoom;

/// <summary>
/// An event's waiting room (issue #16, ADR 0042). While it is <c>open</c> or <c>paused</c>, public holds of the event
/// need a pass. Buyers queue in two lanes — the presale cohort first, then everyone else — each a run of sequence
/// numbers with an "admitted up to" cursor the admitter moves at <see cref="RatePerMinute"/>; a buyer's position is
/// its sequence number minus its lane's cursor, so nobody's poll touches the database.
/// </summary>
public sealed class Room : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; init; }

    /// <summary><see cref="RoomStates"/>: open, paused, closed (off: holds need no pass) or armed (off until the arrival rate passes <see cref="AutoOnPerSecond"/>).</summary>
    public required string State { get; set; }

    public int RatePerMinute { get; set; }

    /// <summary>Automatic switch-on: public holds per second (on one node) at which an armed room turns itself on; null = manual.</summary>
    public int? AutoOnPerSecond { get; set; }

    /// <summary>Grey release: the share (1–100) of the general lane that may be admitted at all; the presale lane is not capped.</summary>
    public int ReleasePercent { get; set; }

    /// <summary>SHA-256 (hex) of the presale code, or null when the room has no presale cohort.</summary>
    public string? PresaleCodeHash { get; set; }

    /// <summary>Salt of the member list's hashes (Members/MemberList), or null when the room has no member list.</summary>
    public string? MemberSalt { get; set; }

    /// <summary>When the member list was last replaced or removed.</summary>
    public DateTimeOffset? MembersUpdatedAt { get; set; }

    /// <summary>The on-sale time: arrivals before it get a random position when it passes.</summary>
    public DateTimeOffset OpensAt { get; set; }

    /// <summary>Whether the arrivals before <see cref="OpensAt"/> have had their random positions dealt.</summary>
    public bool Shuffled { get; set; }

    public long PresaleNext { get; set; }

    public long PresaleAdmitted { get; set; }

    public long GeneralNext { get; set; }

    public long GeneralAdmitted { get; set; }

    /// <summary>Admissions earned but not yet made (fractional), so the rate holds exactly over any window.</summary>
    public double Credit { get; set; }

    /// <summary>The admitter's clock: the time up to which <see cref="Credit"/> has been earned.</summary>
    public DateTimeOffset LastTickAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class RoomStates
{
    public const string Open = "open";
    public const string Paused = "paused";
    public const string Closed = "closed";

    /// <summary>Off (holds need no pass) and watching the event's arrival rate; turns itself open above its threshold.</summary>
    public const string Armed = "armed";

    /// <summary>Open or paused: public holds need a pass and the admitter visits the room.</summary>
    public static bool IsOn(string state) => state is Open or Paused;
}

/// <summary>One buyer's place in a room. <see cref="Seq"/> is null until the pre-opening arrivals are shuffled.</summary>
public sealed class RoomTicket : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid EventId { get; init; }

    /// <summary>0 = presale cohort, 1 = general.</summary>
    public short Lane { get; init; }

    public long? Seq { get; set; }

    public DateTimeOffset ArrivedAt { get; init; }

    /// <summary>When the buyer (admitted) claimed its pass; the pass expires a lifetime after this.</summary>
    public DateTimeOffset? PassIssuedAt { get; set; }

    /// <summary>When a hold first succeeded with the pass.</summary>
    public DateTimeOffset? PassUsedAt { get; set; }
}

/// <summary>
/// The rooms the admitter must visit, across tenants: ids only. It has no <c>tenant_id</c> column on purpose (the RLS
/// convention would hide every row from a process that has no tenant yet); the admitter reads (tenant, event) here
/// and then works inside that tenant like any request. A row exists while the room is open or paused.
/// </summary>
public sealed class ActiveRoom
{
    public Guid EventId { get; init; }

    public Guid RoomTenantId { get; init; }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>, IEntityTypeConfiguration<RoomTicket>, IEntityTypeConfiguration<ActiveRoom>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("waiting_rooms", t =>
        {
            t.HasCheckConstraint("ck_waiting_rooms_state", "state IN ('open', 'paused', 'closed', 'armed')");
            t.HasCheckConstraint("ck_waiting_rooms_auto_on", "auto_on_per_second IS NULL OR auto_on_per_second BETWEEN 1 AND 100000");
            t.HasCheckConstraint("ck_waiting_rooms_rate", "rate_per_minute BETWEEN 1 AND 100000");
            t.HasCheckConstraint("ck_waiting_rooms_release", "release_percent BETWEEN 1 AND 100");
            t.HasCheckConstraint("ck_waiting_rooms_cursors", "presale_admitted <= presale_next AND general_admitted <= general_next");
        });
        builder.HasKey(r => new { r.TenantId, r.EventId });
        builder.Property(r => r.State).HasMaxLength(10);
        builder.Property(r => r.PresaleCodeHash).HasMaxLength(64);
        builder.Property(r => r.MemberSalt).HasMaxLength(32);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(r => new { r.TenantId, r.EventId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RoomTicket> builder)
    {
        builder.ToTable("waiting_room_tickets");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.EventId, t.Lane, t.Seq });
        builder.HasOne<Room>().WithMany().HasForeignKey(t => new { t.TenantId, t.EventId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ActiveRoom> builder)
    {
        builder.ToTable("waiting_rooms_active");
        builder.HasKey(a => a.EventId);
    }
}
