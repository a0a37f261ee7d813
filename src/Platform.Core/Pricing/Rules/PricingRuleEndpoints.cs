using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Pricing.Rules;

internal static class PricingRuleEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/pricing-rules").WithTags("Pricing rules")
            .RequireAuthorization(Policies.EventsRead).WithStandardProblems();
        var write = app.MapGroup("/api/v1/pricing-rules").WithTags("Pricing rules")
            .RequireAuthorization(Policies.EventsWrite).WithStandardProblems();

        read.MapGet("", ListAsync).WithName("ListPricingRules")
            .WithSummary("Lists the tenant's pricing rules, optionally by kind, active state or the event they apply to.");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetPricingRule").WithSummary("Gets one pricing rule.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("", CreateAsync).WithName("CreatePricingRule")
            .WithSummary("Creates a pricing rule: audience discount, early bird, quantity tier, service fee or tax.")
            .WithValidation<PricingRuleRequest>();
        write.MapPut("/{id:guid}", ReplaceAsync).WithName("ReplacePricingRule")
            .WithSummary("Replaces a pricing rule. Send If-Match with the version to guard against lost updates.")
            .WithValidation<PricingRuleRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapDelete("/{id:guid}", DeleteAsync).WithName("DeletePricingRule").WithSummary("Deletes a pricing rule.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CursorPage<PricingRuleResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, string? kind, bool? active, Guid? eventId, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (!QueryValues.TryParseEnum<PricingRuleKind>(kind, out var kindFilter))
        {
            errors["kind"] = [$"kind must be one of: {QueryValues.Allowed<PricingRuleKind>()}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<PricingRule>().AsNoTracking();
        if (kindFilter is { } k)
        {
            query = query.Where(r => r.Kind == k);
        }

        if (active is { } a)
        {
            query = query.Where(r => r.Active == a);
        }

        if (eventId is { } e)
        {
            query = query.Where(r => r.EventIds.Count == 0 || r.EventIds.Contains(e));
        }

        if (after is { } afterId)
        {
            query = query.Where(r => r.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(r => r.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, r => r.Id, PricingRuleResponse.From));
    }

    private static async Task<Results<Ok<PricingRuleResponse>, ProblemHttpResult>> GetAsync(
        Guid id, PricingRuleStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } rule ? TypedResults.Ok(PricingRuleResponse.From(rule)) : ApiProblems.NotFound("pricing rule");

    private static async Task<Created<PricingRuleResponse>> CreateAsync(
        PricingRuleRequest request, PricingRuleStore store, CancellationToken ct)
    {
        var rule = await store.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/pricing-rules/{rule.Id}", PricingRuleResponse.From(rule));
    }

    private static async Task<Results<Ok<PricingRuleResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, PricingRuleRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, PricingRuleStore store, CancellationToken ct)
    {
        if (!IfMatch.TryParse(ifMatch, out var expected))
        {
            return IfMatch.Invalid();
        }

        return await store.FindAsync(id, ct) is { } rule
            ? TypedResults.Ok(PricingRuleResponse.From(await store.ReplaceAsync(rule, request, expected, ct)))
            : ApiProblems.NotFound("pricing rule");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, PricingRuleStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } rule)
        {
            return ApiProblems.NotFound("pricing rule");
        }

        await store.DeleteAsync(rule, ct);
        return TypedResults.NoContent();
    }
}

/// <summary>Reads an optional If-Match header carrying a resource version ("3", "\"3\"" or W/"3").</summary>
internal static class IfMatch
{
    public static bool TryParse(string? header, out uint? version)
    {
        version = null;
        if (header is null)
        {
            return true;
        }

        if (uint.TryParse(header.Trim().TrimStart('W', '/').Trim('"'), out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }

    public static ProblemHttpResult Invalid() => ApiProblems.BadRequest("invalid_if_match", "If-Match must carry the resource's version.",
        new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the version number returned with the resource."] });
}
