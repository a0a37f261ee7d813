using Platform.Tenancy;

namespace Platform.Venues;

public enum SectionKind
{
    GeneralAdmission,
    Seated,
}

/// <summary>A place where events happen: general-admission areas and seated sections, drawn on one map.</summary>
public sealed class Venue : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string? Address { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: changes with every write of the venue row, which every edit of its map touches.</summary>
    public uint Version { get; set; }
}

/// <summary>A seat category (e.g. "premium", "upper tier") that ticket types price seats by.</summary>
public sealed class PriceZone : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid VenueId { get; init; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string Color { get; set; } = "#6B7280";
}

/// <summary>
/// A general-admission area (a capacity, no seats) or a seated section (seats, each with a row and seat label).
/// The outline is a polygon in the venue map's coordinates, flattened as x0, y0, x1, y1, ...
/// </summary>
public sealed class VenueSection : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid VenueId { get; init; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public SectionKind Kind { get; init; }

    /// <summary>General admission: how many people fit. Seated: the number of seats.</summary>
    public int Capacity { get; set; }

    /// <summary>The section's default price zone; seats may override it.</summary>
    public Guid? PriceZoneId { get; set; }

    public double[] Outline { get; set; } = [];
}

/// <summary>One seat of a seated section, with its map position. Written in bulk (see <see cref="SeatWriter"/>).</summary>
public sealed class Seat : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid VenueId { get; init; }

    public Guid SectionId { get; init; }

    public required string RowLabel { get; init; }

    public required string SeatLabel { get; init; }

    public double X { get; init; }

    public double Y { get; init; }

    public bool Accessible { get; set; }

    public bool RestrictedView { get; set; }

    /// <summary>A kill seat (camera, mixing desk, broken): never sold in any occurrence of any event at the venue.</summary>
    public bool Blocked { get; set; }

    public Guid? PriceZoneId { get; set; }

    /// <summary>Keeps the drawing order (row by row, seat by seat) independent of label sorting.</summary>
    public int Ordinal { get; init; }
}
