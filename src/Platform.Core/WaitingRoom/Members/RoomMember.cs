using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.WaitingRoom.Members;

/// <summary>
/// One address of a room's member list (grey release's invited cohort, ADR 0063): only its salted SHA-256
/// (<see cref="MemberList.Hash"/> with the room's <see cref="Room.MemberSalt"/>), never the address itself.
/// </summary>
public sealed class RoomMember : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; init; }

    /// <summary>Hex SHA-256 of the room's salt and the normalised (trimmed, lower-case) address.</summary>
    public required string EmailHash { get; init; }
}

internal sealed class RoomMemberConfiguration : IEntityTypeConfiguration<RoomMember>
{
    public void Configure(EntityTypeBuilder<RoomMember> builder)
    {
        builder.ToTable("waiting_room_members");
        // The key is the lookup a join makes: (tenant, event, hash), one index probe.
        builder.HasKey(m => new { m.TenantId, m.EventId, m.EmailHash });
        builder.Property(m => m.EmailHash).HasMaxLength(64).IsFixedLength();
        builder.HasOne<Room>().WithMany().HasForeignKey(m => new { m.TenantId, m.EventId }).OnDelete(DeleteBehavior.Cascade);
    }
}
