using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Venues;

public static class VenueEndpoints
{
    /// <summary>A 40,000-seat stadium exports to about 4.5 MB; imports get room for venues several times larger.</summary>
    public const long VenueImportMaxBytes = 32L * 1024 * 1024;

    public static IEndpointRouteBuilder MapVenues(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/venues").WithTags("Venues").RequireAuthorization(Policies.EventsRead).WithStandardProblems();
        var write = app.MapGroup("/api/v1/venues").WithTags("Venues").RequireAuthorization(Policies.EventsWrite).WithStandardProblems();

        write.MapPost("", CreateAsync).WithName("CreateVenue").WithSummary("Creates a venue (then add price zones and sections).")
            .WithValidation<CreateVenueRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        read.MapGet("", ListAsync).WithName("ListVenues").WithSummary("Lists the tenant's venues.");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetVenue")
            .WithSummary("Gets a venue with its price zones and sections (without seats).").ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/{id:guid}/map", GetMapAsync).WithName("GetVenueMap")
            .WithSummary("Gets everything needed to draw the venue: zones, section outlines and every seat with its position.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("/{id:guid}/price-zones", AddPriceZoneAsync).WithName("AddPriceZone")
            .WithSummary("Adds a price zone (seat category) to a venue.").WithValidation<PriceZoneRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/sections", AddSectionAsync).WithName("AddVenueSection")
            .WithSummary("Adds a general-admission area, or a seated section with its seats generated from rows × seats (gaps, accessible and restricted-view seats) or listed one by one.")
            .WithValidation<SectionRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/sections/{sectionId:guid}/price-zone", AssignPriceZoneAsync).WithName("AssignSectionPriceZone")
            .WithSummary("Assigns a price zone to a section's seats, or to the seats of some of its rows.")
            .WithValidation<AssignPriceZoneRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/{id:guid}/export", ExportAsync).WithName("ExportVenue")
            .WithSummary("Exports a venue (zones, sections, every seat) as one JSON document that import accepts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("/import", ImportAsync).WithName("ImportVenue").WithBodySizeLimit(VenueImportMaxBytes)
            .WithSummary("Creates a venue from an exported JSON document, all or nothing.")
            .WithValidation<VenueDocument>().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<VenueResponse>> CreateAsync(CreateVenueRequest request, VenueService venues, PlatformDbContext db, CancellationToken ct)
    {
        var venue = await venues.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/venues/{venue.Id}", await LoadResponseAsync(db, venue, ct));
    }

    private static async Task<Results<Ok<CursorPage<VenueSummaryResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<Venue>().AsNoTracking();
        if (after is { } a)
        {
            query = query.Where(v => v.Id.CompareTo(a) > 0);
        }

        var rows = await query.OrderBy(v => v.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, v => v.Id, v => new VenueSummaryResponse(v.Id, v.Name, v.Address, v.CreatedAt)));
    }

    private static async Task<Results<Ok<VenueResponse>, ProblemHttpResult>> GetAsync(Guid id, VenueService venues, PlatformDbContext db, CancellationToken ct) =>
        await venues.FindAsync(id, ct) is { } venue ? TypedResults.Ok(await LoadResponseAsync(db, venue, ct)) : ApiProblems.NotFound("venue");

    private static async Task<Results<Ok<VenueMapResponse>, ProblemHttpResult>> GetMapAsync(Guid id, VenueService venues, PlatformDbContext db, CancellationToken ct)
    {
        if (await venues.FindAsync(id, ct) is not { } venue)
        {
            return ApiProblems.NotFound("venue");
        }

        var zones = await db.Set<PriceZone>().AsNoTracking().Where(z => z.VenueId == id).OrderBy(z => z.Id).ToListAsync(ct);
        var sections = await db.Set<VenueSection>().AsNoTracking().Where(s => s.VenueId == id).OrderBy(s => s.Id).ToListAsync(ct);
        var seats = (await db.Set<Seat>().AsNoTracking().Where(s => s.VenueId == id).OrderBy(s => s.Ordinal).ToListAsync(ct)).ToLookup(s => s.SectionId);
        return TypedResults.Ok(new VenueMapResponse(venue.Id, venue.Name, [.. zones.Select(VenueMapping.ToResponse)],
            [.. sections.Select(s => new SectionMapResponse(s.Id, s.Code, s.Name, s.Kind, s.Capacity, s.PriceZoneId, VenueMapping.ToPoints(s.Outline),
                [.. seats[s.Id].Select(x => new SeatResponse(x.Id, x.RowLabel, x.SeatLabel, x.X, x.Y, x.Accessible, x.RestrictedView, x.PriceZoneId, x.Blocked))]))],
            venue.Version));
    }

    private static async Task<Results<Created<PriceZoneResponse>, ProblemHttpResult>> AddPriceZoneAsync(
        Guid id, PriceZoneRequest request, VenueService venues, CancellationToken ct)
    {
        if (await venues.FindAsync(id, ct) is not { } venue)
        {
            return ApiProblems.NotFound("venue");
        }

        var zone = await venues.AddPriceZoneAsync(venue, request, ct);
        return TypedResults.Created($"/api/v1/venues/{id}", VenueMapping.ToResponse(zone));
    }

    private static async Task<Results<Created<SectionResponse>, ProblemHttpResult>> AddSectionAsync(
        Guid id, SectionRequest request, VenueService venues, CancellationToken ct)
    {
        if (await venues.FindAsync(id, ct) is not { } venue)
        {
            return ApiProblems.NotFound("venue");
        }

        var section = await venues.AddSectionAsync(venue, request, ct);
        return TypedResults.Created($"/api/v1/venues/{id}/map", VenueMapping.ToResponse(section));
    }

    private static async Task<Results<Ok<SectionResponse>, ProblemHttpResult>> AssignPriceZoneAsync(
        Guid id, Guid sectionId, AssignPriceZoneRequest request, VenueService venues, PlatformDbContext db, CancellationToken ct)
    {
        if (await venues.FindAsync(id, ct) is not { } venue)
        {
            return ApiProblems.NotFound("venue");
        }

        if (await db.Set<VenueSection>().FirstOrDefaultAsync(s => s.Id == sectionId && s.VenueId == id, ct) is not { } section)
        {
            return ApiProblems.NotFound("section");
        }

        await venues.AssignPriceZoneAsync(venue, section, request, ct);
        return TypedResults.Ok(VenueMapping.ToResponse(section));
    }

    private static async Task<Results<Ok<VenueDocument>, ProblemHttpResult>> ExportAsync(Guid id, VenueService venues, CancellationToken ct) =>
        await venues.FindAsync(id, ct) is { } venue ? TypedResults.Ok(await venues.ExportAsync(venue, ct)) : ApiProblems.NotFound("venue");

    private static async Task<Created<VenueResponse>> ImportAsync(VenueDocument document, VenueService venues, PlatformDbContext db, CancellationToken ct)
    {
        var venue = await venues.ImportAsync(document, ct);
        return TypedResults.Created($"/api/v1/venues/{venue.Id}", await LoadResponseAsync(db, venue, ct));
    }

    private static async Task<VenueResponse> LoadResponseAsync(PlatformDbContext db, Venue venue, CancellationToken ct)
    {
        var zones = await db.Set<PriceZone>().AsNoTracking().Where(z => z.VenueId == venue.Id).OrderBy(z => z.Id).ToListAsync(ct);
        var sections = await db.Set<VenueSection>().AsNoTracking().Where(s => s.VenueId == venue.Id).OrderBy(s => s.Id).ToListAsync(ct);
        var seats = sections.Where(s => s.Kind == SectionKind.Seated).Sum(s => s.Capacity);
        var ga = sections.Where(s => s.Kind == SectionKind.GeneralAdmission).Sum(s => s.Capacity);
        return new VenueResponse(venue.Id, venue.Name, venue.Address, seats, ga,
            [.. zones.Select(VenueMapping.ToResponse)], [.. sections.Select(VenueMapping.ToResponse)], venue.CreatedAt, venue.UpdatedAt, venue.Version);
    }
}
