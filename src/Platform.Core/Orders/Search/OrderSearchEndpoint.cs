using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;
using Platform.Persistence;
using Platform.Resellers;

namespace Platform.Orders.Search;

/// <summary>
/// GET /api/v1/orders?q= — find the tenant's orders by order number (its id), buyer email, phone or name (ADR 0033).
/// The query's shape picks the one index it uses: an id, an email (contains @), a phone (digits and separators,
/// at least five digits) or else name words. Newest first, cursor-paged like every list. Tenant isolation comes from
/// the query filter and Row-Level Security as everywhere; a reseller finds only the orders it placed.
/// </summary>
public static class OrderSearchEndpoint
{
    public const int MaxQueryLength = 200;

    internal static RouteHandlerBuilder MapOrderSearch(this RouteGroupBuilder staff) =>
        staff.MapGet("", SearchAsync).RequireAuthorization(Policies.OrdersRead).WithName("SearchOrders")
            .WithSummary("Finds orders by order number, buyer email, phone or name (whole words; any characters of a Chinese, Japanese or Korean name), newest first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<CursorPage<OrderSummaryResponse>>, ProblemHttpResult>> SearchAsync(string? q, int? limit, string? cursor,
        PlatformDbContext db, OrderService orders, ResellerGate gate, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        var query = q?.Trim() ?? "";
        var filter = query.Length is 0 or > MaxQueryLength ? null : Filter(db, query);
        if (filter is null)
        {
            errors["q"] = [$"q must be an order number, an email, a phone number or a name (1 to {MaxQueryLength} characters with a letter or digit)."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var found = filter!;
        if (await gate.RestrictedToAsync(user, ct) is { } client)
        {
            var key = ResellerGate.CreatedByKey(client);
            found = found.Where(o => db.Set<Hold>().Any(h => h.Id == o.HoldId && h.CreatedBy == key));
        }

        if (after is { } afterId)
        {
            found = found.Where(o => o.Id.CompareTo(afterId) < 0);
        }

        var rows = await found.OrderByDescending(o => o.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, o => o.Id, orders.ToSummary));
    }

    /// <summary>The orders the query names, or null when it names nothing searchable (only punctuation, say).</summary>
    private static IQueryable<Order>? Filter(PlatformDbContext db, string query)
    {
        var all = db.Set<Order>().AsNoTracking();
        if (Guid.TryParse(query, out var id))
        {
            return all.Where(o => o.Id == id);
        }

        if (query.Contains('@', StringComparison.Ordinal))
        {
            // Full-width letters typed on a CJK keyboard are the same address.
            var email = HoldService.EmailKey(query.Normalize(System.Text.NormalizationForm.FormKC));
            return all.Where(o => o.BuyerEmailHash == email);
        }

        if (BuyerSearchKeys.LooksLikePhone(query))
        {
            var phone = BuyerSearchKeys.Phone(query);
            return all.Where(o => o.BuyerPhoneKey == phone);
        }

        var words = BuyerSearchKeys.NameQuery(query);
        // Translated to "buyer_name_keys @> @words", which the GIN index answers.
        return words.Length == 0 ? null : all.Where(o => words.All(w => o.BuyerNameKeys.Contains(w)));
    }
}
