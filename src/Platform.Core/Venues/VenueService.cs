using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Venues;

/// <summary>
/// Creates venues, price zones and sections. A section and its seats commit in one transaction: either the whole
/// section (all its seats) exists, or nothing does.
/// </summary>
public sealed class VenueService(PlatformDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock)
{
    public async Task<Venue> CreateAsync(CreateVenueRequest request, CancellationToken ct)
    {
        await EnsureNameFreeAsync(request.Name!, "name", ct);
        var now = clock.GetUtcNow();
        var venue = new Venue { Name = request.Name!.Trim(), Address = request.Address, CreatedAt = now, UpdatedAt = now };
        db.Add(venue);
        audit.Record("venue.created", "venue", venue.Id.ToString());
        await db.SaveChangesAsync(ct);
        return venue;
    }

    public Task<Venue?> FindAsync(Guid id, CancellationToken ct) => db.Set<Venue>().FirstOrDefaultAsync(v => v.Id == id, ct);

    public async Task<PriceZone> AddPriceZoneAsync(Venue venue, PriceZoneRequest request, CancellationToken ct)
    {
        if (await db.Set<PriceZone>().AnyAsync(z => z.VenueId == venue.Id && z.Code == request.Code, ct))
        {
            throw FieldProblems.Conflict("price_zone_code_taken", "code", $"The venue already has a price zone '{request.Code}'.");
        }

        var zone = NewZone(venue.Id, request);
        db.Add(zone);
        venue.UpdatedAt = clock.GetUtcNow();
        audit.Record("venue.price_zone_added", "venue", venue.Id.ToString(),
            new Dictionary<string, FieldChange> { ["priceZones"] = new(null, zone.Code) });
        await db.SaveChangesAsync(ct);
        return zone;
    }

    public async Task<VenueSection> AddSectionAsync(Venue venue, SectionRequest request, CancellationToken ct)
    {
        if (await db.Set<VenueSection>().AnyAsync(s => s.VenueId == venue.Id && s.Code == request.Code, ct))
        {
            throw FieldProblems.Conflict("section_code_taken", "code", $"The venue already has a section '{request.Code}'.");
        }

        var zones = await db.Set<PriceZone>().Where(z => z.VenueId == venue.Id).ToDictionaryAsync(z => z.Code, z => z.Id, StringComparer.Ordinal, ct);
        var missing = VenueDocumentValidator.ZonesUsed(request).Where(z => !zones.ContainsKey(z)).ToList();
        if (missing.Count > 0)
        {
            throw FieldProblems.Invalid("priceZone", $"price zone {string.Join(", ", missing)} does not exist in this venue.");
        }

        var (section, seats) = Build(venue.Id, request, zones);
        venue.UpdatedAt = clock.GetUtcNow();
        audit.Record("venue.section_added", "venue", venue.Id.ToString(),
            new Dictionary<string, FieldChange> { ["sections"] = new(null, $"{section.Code} ({section.Capacity})") });
        await SaveWithSeatsAsync(venue.Id, [section], seats, ct);
        return section;
    }

    /// <summary>Creates a new venue from an exported document (zones, sections, every seat) in one transaction.</summary>
    public async Task<Venue> ImportAsync(VenueDocument document, CancellationToken ct)
    {
        await EnsureNameFreeAsync(document.Name!, "name", ct);
        var now = clock.GetUtcNow();
        var venue = new Venue { Name = document.Name!.Trim(), Address = document.Address, CreatedAt = now, UpdatedAt = now };
        db.Add(venue);
        var zones = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var z in document.PriceZones ?? [])
        {
            var zone = NewZone(venue.Id, z);
            db.Add(zone);
            zones[zone.Code] = zone.Id;
        }

        var sections = new List<VenueSection>();
        var seats = new List<Seat>();
        foreach (var request in document.Sections ?? [])
        {
            var (section, sectionSeats) = Build(venue.Id, request, zones);
            sections.Add(section);
            seats.AddRange(sectionSeats);
        }

        audit.Record("venue.imported", "venue", venue.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["sections"] = new(null, sections.Count),
            ["seats"] = new(null, seats.Count),
        });
        await SaveWithSeatsAsync(venue.Id, sections, seats, ct);
        return venue;
    }

    public async Task<VenueDocument> ExportAsync(Venue venue, CancellationToken ct)
    {
        var zones = await db.Set<PriceZone>().AsNoTracking().Where(z => z.VenueId == venue.Id).OrderBy(z => z.Id).ToListAsync(ct);
        var codes = zones.ToDictionary(z => z.Id, z => z.Code);
        var sections = await db.Set<VenueSection>().AsNoTracking().Where(s => s.VenueId == venue.Id).OrderBy(s => s.Id).ToListAsync(ct);
        var seats = (await db.Set<Seat>().AsNoTracking().Where(s => s.VenueId == venue.Id).OrderBy(s => s.Ordinal).ToListAsync(ct))
            .ToLookup(s => s.SectionId);
        string? Code(Guid? id) => id is { } z ? codes[z] : null;

        return new VenueDocument(venue.Name, venue.Address,
            [.. zones.Select(z => new PriceZoneRequest(z.Code, z.Name, z.Color))],
            [.. sections.Select(s => new SectionRequest(s.Code, s.Name, s.Kind,
                s.Kind == SectionKind.GeneralAdmission ? s.Capacity : null, Code(s.PriceZoneId),
                VenueMapping.ToPoints(s.Outline), null,
                s.Kind == SectionKind.Seated
                    ? [.. seats[s.Id].Select(x => new SeatRequest(x.RowLabel, x.SeatLabel, x.X, x.Y, x.Accessible, x.RestrictedView,
                        x.PriceZoneId == s.PriceZoneId ? null : Code(x.PriceZoneId), x.Blocked ? true : null))]
                    : null))]);
    }

    /// <summary>Assigns a price zone to a section (and all its seats), or only to the seats of some rows.</summary>
    public async Task<int> AssignPriceZoneAsync(Venue venue, VenueSection section, AssignPriceZoneRequest request, CancellationToken ct)
    {
        var zone = await db.Set<PriceZone>().FirstOrDefaultAsync(z => z.VenueId == venue.Id && z.Code == request.PriceZone, ct)
            ?? throw FieldProblems.Invalid("priceZone", $"price zone {request.PriceZone} does not exist in this venue.");
        var rows = request.Rows is { Count: > 0 } r ? r.ToArray() : null;

        await using var transaction = await OwnedTransaction.BeginAsync(db, ct);
        if (rows is null)
        {
            section.PriceZoneId = zone.Id;
        }

        venue.UpdatedAt = clock.GetUtcNow();
        audit.Record("venue.price_zone_assigned", "venue", venue.Id.ToString(), new Dictionary<string, FieldChange>
        {
            [$"sections.{section.Code}" + (rows is null ? "" : $".rows[{string.Join(",", rows)}]")] = new(null, zone.Code),
        });
        await db.SaveChangesAsync(ct);
        var seats = db.Set<Seat>().Where(s => s.SectionId == section.Id);
        if (rows is not null)
        {
            seats = seats.Where(s => rows.Contains(s.RowLabel));
        }

        var changed = await seats.ExecuteUpdateAsync(s => s.SetProperty(x => x.PriceZoneId, zone.Id), ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    internal async Task SaveWithSeatsAsync(Guid venueId, IReadOnlyList<VenueSection> sections, IReadOnlyList<Seat> seats, CancellationToken ct)
    {
        db.AddRange(sections);
        await using var transaction = await OwnedTransaction.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await SeatWriter.InsertAsync(db, tenant.RequiredTenantId, venueId, seats, ct);
        await transaction.CommitAsync(ct);
    }

    internal static (VenueSection Section, List<Seat> Seats) Build(Guid venueId, SectionRequest request, IReadOnlyDictionary<string, Guid> zones)
    {
        var planned = SeatLayout.Expand(request);
        var outline = OutlineOf(request, planned);
        var section = new VenueSection
        {
            VenueId = venueId,
            Code = request.Code!,
            Name = request.Name!,
            Kind = request.Kind!.Value,
            Capacity = request.Kind == SectionKind.Seated ? planned.Count : request.Capacity!.Value,
            PriceZoneId = request.PriceZone is { } z ? zones[z] : null,
            Outline = VenueMapping.Flatten(outline),
        };
        var seats = planned.Select((p, i) => new Seat
        {
            VenueId = venueId,
            SectionId = section.Id,
            RowLabel = p.Row,
            SeatLabel = p.Seat,
            X = p.X,
            Y = p.Y,
            Accessible = p.Accessible,
            RestrictedView = p.RestrictedView,
            Blocked = p.Blocked,
            PriceZoneId = p.PriceZone is { } code ? zones[code] : null,
            Ordinal = i,
        }).ToList();
        return (section, seats);
    }

    /// <summary>The outline given, else the grid's (rectangle or arc band), else the seats' bounding box.</summary>
    internal static IReadOnlyList<MapPoint> OutlineOf(SectionRequest request, IReadOnlyList<PlannedSeat> planned) =>
        request.Outline is { Count: > 0 } given ? given
        : request.Grid is { } grid ? SeatLayout.GridOutline(grid)
        : SeatLayout.BoundingOutline(planned);

    private static PriceZone NewZone(Guid venueId, PriceZoneRequest request) => new()
    {
        VenueId = venueId,
        Code = request.Code!,
        Name = request.Name!,
        Color = request.Color?.ToUpperInvariant() ?? "#6B7280",
    };

    private async Task EnsureNameFreeAsync(string name, string field, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (await db.Set<Venue>().AnyAsync(v => v.Name == trimmed, ct))
        {
            throw FieldProblems.Conflict("venue_name_taken", field, $"The tenant already has a venue named '{trimmed}'.");
        }
    }
}
