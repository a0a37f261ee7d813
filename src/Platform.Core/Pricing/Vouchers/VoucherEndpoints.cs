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

namespace Platform.Pricing.Vouchers;

internal static class VoucherEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/vouchers").WithTags("Vouchers")
            .RequireAuthorization(Policies.EventsRead).WithStandardProblems();
        var write = app.MapGroup("/api/v1/vouchers").WithTags("Vouchers")
            .RequireAuthorization(Policies.EventsWrite).WithStandardProblems();

        read.MapGet("", ListAsync).WithName("ListVouchers")
            .WithSummary("Lists the tenant's vouchers and promo codes, optionally by code prefix or active state.");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetVoucher").WithSummary("Gets one voucher with its use count.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("", CreateAsync).WithName("CreateVoucher")
            .WithSummary("Creates a voucher or promo code; codes are unique per tenant, ignoring case.")
            .WithValidation<VoucherRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/bulk", CreateBulkAsync).WithName("CreateVouchersInBulk")
            .WithSummary("Generates up to 1,000 single-use vouchers with random codes.")
            .WithValidation<BulkVoucherRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPut("/{id:guid}", ReplaceAsync).WithName("ReplaceVoucher")
            .WithSummary("Replaces a voucher. Send If-Match with the version to guard against lost updates.")
            .WithValidation<VoucherRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteVoucher")
            .WithSummary("Deletes a voucher that has never been redeemed.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<CursorPage<VoucherResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, string? code, bool? active, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (code is { Length: > 40 })
        {
            errors["code"] = ["code must be at most 40 characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<Voucher>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(code))
        {
            var prefix = Voucher.Normalize(code);
            query = query.Where(v => v.NormalizedCode.StartsWith(prefix));
        }

        if (active is { } a)
        {
            query = query.Where(v => v.Active == a);
        }

        if (after is { } afterId)
        {
            query = query.Where(v => v.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(v => v.Id).Take(take + 1)
            .Select(v => new { Voucher = v, Used = db.Set<VoucherRedemption>().Count(r => r.VoucherId == v.Id) })
            .ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, r => r.Voucher.Id, r => VoucherResponse.From(r.Voucher, r.Used)));
    }

    private static async Task<Results<Ok<VoucherResponse>, ProblemHttpResult>> GetAsync(Guid id, VoucherStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } v
            ? TypedResults.Ok(VoucherResponse.From(v, await store.TimesUsedAsync(v.Id, ct)))
            : ApiProblems.NotFound("voucher");

    private static async Task<Created<VoucherResponse>> CreateAsync(VoucherRequest request, VoucherStore store, CancellationToken ct)
    {
        var voucher = await store.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/vouchers/{voucher.Id}", VoucherResponse.From(voucher, 0));
    }

    private static async Task<Created<BulkVoucherResponse>> CreateBulkAsync(BulkVoucherRequest request, VoucherStore store, CancellationToken ct)
    {
        var vouchers = await store.CreateBulkAsync(request, ct);
        return TypedResults.Created("/api/v1/vouchers", new BulkVoucherResponse(vouchers.Count, [.. vouchers.Select(v => VoucherResponse.From(v, 0))]));
    }

    private static async Task<Results<Ok<VoucherResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, VoucherRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, VoucherStore store, CancellationToken ct)
    {
        if (!IfMatch.TryParse(ifMatch, out var expected))
        {
            return IfMatch.Invalid();
        }

        if (await store.FindAsync(id, ct) is not { } voucher)
        {
            return ApiProblems.NotFound("voucher");
        }

        var updated = await store.ReplaceAsync(voucher, request, expected, ct);
        return TypedResults.Ok(VoucherResponse.From(updated, await store.TimesUsedAsync(id, ct)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, VoucherStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } voucher)
        {
            return ApiProblems.NotFound("voucher");
        }

        await store.DeleteAsync(voucher, ct);
        return TypedResults.NoContent();
    }
}
