using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;
using Platform.Pricing.Rules;

namespace Platform.Venues.Editing;

/// <summary>The seat-map editor's API: paint seats, delete a section, preview a section before adding it.</summary>
public static class VenueEditEndpoints
{
    public static IEndpointRouteBuilder MapVenueEditing(this IEndpointRouteBuilder app)
    {
        var write = app.MapGroup("/api/v1/venues").WithTags("Venues").RequireAuthorization(Policies.EventsWrite).WithStandardProblems();

        write.MapPatch("/{id:guid}/seats", UpdateSeatsAsync).WithName("UpdateVenueSeats")
            .WithSummary("Sets price zone, accessible, restricted view and/or blocked (never sold) on listed seats of a venue. Send If-Match with the venue's version to guard against lost updates.")
            .WithValidation<UpdateSeatsRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapDelete("/{id:guid}/sections/{sectionId:guid}", DeleteSectionAsync).WithName("DeleteVenueSection")
            .WithSummary("Deletes a section and its seats while no occurrence sells it (409 section_in_use otherwise). Send If-Match with the venue's version.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/sections/preview", Preview).WithName("PreviewVenueSection")
            .WithSummary("Lays out a section exactly as adding it would (seats with labels and positions, outline) without saving it.")
            .WithValidation<SectionRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<UpdateSeatsResponse>, ProblemHttpResult>> UpdateSeatsAsync(
        Guid id, UpdateSeatsRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, VenueService venues, VenueEditService edits,
        CancellationToken ct)
    {
        if (!IfMatch.TryParse(ifMatch, out var expected))
        {
            return IfMatch.Invalid();
        }

        return await venues.FindAsync(id, ct) is { } venue
            ? TypedResults.Ok(await edits.UpdateSeatsAsync(venue, request, expected, ct))
            : ApiProblems.NotFound("venue");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSectionAsync(
        Guid id, Guid sectionId, [FromHeader(Name = "If-Match")] string? ifMatch, VenueService venues, VenueEditService edits,
        PlatformDbContext db, CancellationToken ct)
    {
        if (!IfMatch.TryParse(ifMatch, out var expected))
        {
            return IfMatch.Invalid();
        }

        if (await venues.FindAsync(id, ct) is not { } venue)
        {
            return ApiProblems.NotFound("venue");
        }

        if (await db.Set<VenueSection>().FirstOrDefaultAsync(s => s.Id == sectionId && s.VenueId == id, ct) is not { } section)
        {
            return ApiProblems.NotFound("section");
        }

        await edits.DeleteSectionAsync(venue, section, expected, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SectionPreviewResponse>, ProblemHttpResult>> Preview(
        Guid id, SectionRequest request, VenueService venues, CancellationToken ct)
    {
        if (await venues.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound("venue");
        }

        var seats = SeatLayout.Expand(request);
        return TypedResults.Ok(new SectionPreviewResponse(VenueService.OutlineOf(request, seats),
            [.. seats.Select(s => new PreviewSeat(s.Row, s.Seat, s.X, s.Y, s.Accessible, s.RestrictedView))]));
    }
}
