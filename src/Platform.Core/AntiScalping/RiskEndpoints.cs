using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.AntiScalping.BlockList;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;

namespace Platform.AntiScalping;

/// <summary>
/// The promoter's anti-scalping API: the policy, and the queue of scored orders with approve/reject. Owners and admins
/// only (<see cref="Policies.TenantAdmin"/>): a verdict releases or refunds money and tickets.
/// </summary>
public static class RiskEndpoints
{
    public static readonly string[] Statuses = [ReviewStates.Pending, ReviewStates.Approved, ReviewStates.Rejected, "flagged", "challenged"];

    public static IEndpointRouteBuilder MapAntiScalping(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/anti-scalping").WithTags("Anti-scalping").WithStandardProblems().RequireAuthorization(Policies.TenantAdmin);
        group.MapGet("/settings", async (ReviewService reviews, CancellationToken ct) => TypedResults.Ok(await reviews.GetSettingsAsync(ct)))
            .WithName("GetRiskSettings").WithSummary("The tenant's anti-scalping policy (defaults when never set).");
        group.MapPut("/settings", async (RiskSettingsRequest request, ReviewService reviews, CancellationToken ct) =>
                TypedResults.Ok(await reviews.PutSettingsAsync(request, ct)))
            .WithValidation<RiskSettingsRequest>().WithName("PutRiskSettings")
            .WithSummary("Sets what happens to public orders scored at or above the threshold (off, flag, review, block), the e-mail-code challenge below it, and the disposable e-mail rule.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/reviews", async Task<Results<Ok<CursorPage<OrderReviewResponse>>, ProblemHttpResult>> (string? status, int? limit, string? cursor,
                ReviewService reviews, CancellationToken ct) =>
            {
                var errors = Cursor.Validate(limit, cursor, out var take, out var after);
                status ??= ReviewStates.Pending;
                if (!Statuses.Contains(status))
                {
                    errors["status"] = ["status must be pending, approved, rejected, flagged or challenged."];
                }

                return errors.Count > 0
                    ? ApiProblems.BadRequest("invalid_query", "One or more query values are invalid.", errors)
                    : TypedResults.Ok(await reviews.ListAsync(status, take, after, ct));
            })
            .WithName("ListOrderReviews")
            .WithSummary("Scored orders, newest first: pending (tickets held back, the default), approved, rejected, flagged, or challenged (passed an e-mail code); with score, reasons and features.");
        group.MapPost("/reviews/{orderId:guid}/approve", async Task<Results<Ok<OrderReviewResponse>, ProblemHttpResult>> (Guid orderId,
                ReviewVerdictRequest request, ReviewService reviews, ClaimsPrincipal user, CancellationToken ct) =>
                await reviews.ApproveAsync(orderId, request.Note, HoldEndpoints.CreatedBy(user), ct) is { } done ? TypedResults.Ok(done) : ApiProblems.NotFound("order review"))
            .WithValidation<ReviewVerdictRequest>().WithName("ApproveOrderReview")
            .WithSummary("Approves an order waiting for review: its tickets are issued now if it is paid, otherwise when it is paid.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/reviews/{orderId:guid}/reject", async Task<Results<Ok<OrderReviewResponse>, ProblemHttpResult>> (Guid orderId,
                ReviewVerdictRequest request, ReviewService reviews, ClaimsPrincipal user, CancellationToken ct) =>
                await reviews.RejectAsync(orderId, request.Note, HoldEndpoints.CreatedBy(user), ct) is { } done ? TypedResults.Ok(done) : ApiProblems.NotFound("order review"))
            .WithValidation<ReviewVerdictRequest>().WithName("RejectOrderReview")
            .WithSummary("Rejects an order waiting for review: a paid order is refunded in full, an unpaid one cancelled; no tickets are issued.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapBlockList();
        return app;
    }
}
