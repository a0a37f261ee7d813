using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Resellers;
using Platform.Sales;
using Platform.Tenancy.PublicProfile;

namespace Platform.Pricing.Quotes;

/// <summary>
/// POST .../events/{id}/quote: the explained price of a basket before anything is held. Staff and API clients quote
/// any event of their tenant; storefront buyers quote listed events only, through the public tenant route.
/// </summary>
public static class EventQuoteEndpoints
{
    public static IEndpointRouteBuilder MapEventQuotes(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/events/{id:guid}/quote", QuoteAsync)
            .WithTags("Events")
            .RequireAuthorization(Policies.EventsRead)
            .WithStandardProblems()
            .WithName("QuoteEvent")
            .WithSummary("Prices a basket for an event, returning every line with each rule applied and why.")
            .WithValidation<QuoteRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost(TenantProfileEndpoints.PublicTenantPrefix + "/events/{id:guid}/quote", PublicQuoteAsync)
            .WithTags("Public storefront")
            .AllowAnonymous()
            .WithStandardProblems()
            .WithName("QuotePublicEvent")
            .WithSummary("Prices a basket for a listed event of the tenant, as a storefront buyer sees it.")
            .WithValidation<QuoteRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<QuoteResponse>, ProblemHttpResult>> QuoteAsync(
        Guid id, QuoteRequest request, ClaimsPrincipal user, PlatformDbContext db, ResellerGate resellers, EventQuoteBuilder builder,
        PricingQuoteService quotes, CancellationToken ct)
    {
        if (await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        // A quote refuses what the hold would (issue #21): a reseller on another channel, anyone else on the reseller
        // channel, a ticket type the reseller holds no allocation for, more tickets than its allocation has left (with
        // how many remain, as the hold says it). The hold still decides: it takes the allocation atomically.
        var reseller = await resellers.TermsAsync(ResellerGate.ClientOf(user), ev.Id, ct);
        ResellerGate.CheckChannel(reseller, request.Channel ?? SalesChannel.Web);
        if (reseller is not null)
        {
            foreach (var (allocationId, asked) in request.Lines!.GroupBy(l => reseller.AllocationFor(l.TicketTypeId!.Value))
                         .Select(g => (g.Key, g.Sum(l => l.Quantity ?? 0))))
            {
                if (reseller.Remaining(allocationId) is var remaining && asked > remaining)
                {
                    throw ResellerTerms.Exceeded(remaining, asked);
                }
            }
        }

        return TypedResults.Ok(await quotes.QuoteAsync(await builder.BuildAsync(ev, request, ct), ct));
    }

    private static async Task<Results<Ok<QuoteResponse>, ProblemHttpResult>> PublicQuoteAsync(
        string tenant, Guid id, QuoteRequest request, PlatformDbContext db, EventQuoteBuilder builder, PricingQuoteService quotes,
        CancellationToken ct)
    {
        var listed = await db.Set<Event>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.OnSale || e.Status == EventStatus.SoldOut)
            .FirstOrDefaultAsync(e => e.Id == id, ct);
        return listed is null
            ? ApiProblems.NotFound("event")
            : TypedResults.Ok(await quotes.QuoteAsync(await builder.BuildAsync(listed, request, ct), ct));
    }
}
