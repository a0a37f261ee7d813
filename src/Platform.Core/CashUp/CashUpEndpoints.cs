using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Http;

namespace Platform.CashUp;

/// <summary>
/// /api/v1/box-office/cash-up: a seller reads and counts their own day; owners, admins and finance read every
/// seller's (ADR 0044). Who counts is always the caller: the person holding the cash.
/// </summary>
public static class CashUpEndpoints
{
    /// <summary>Roles that see every seller's cash-up (supervisors and the back office); other readers see their own.</summary>
    private static readonly string[] ReadAllRoles = [PlatformRoles.Owner, PlatformRoles.Admin, PlatformRoles.Finance];

    public static RouteGroupBuilder MapCashUp(this RouteGroupBuilder group)
    {
        group.MapGet("/cash-up", async Task<Results<Ok<CashUpResponse>, ProblemHttpResult>> (DateOnly? date, string? sellerId, ClaimsPrincipal user,
                CashUpService cashUp, CancellationToken ct) =>
            {
                var self = Seller(user);
                if (sellerId is not null && (string.IsNullOrWhiteSpace(sellerId) || sellerId.Length > 200))
                {
                    return ApiProblems.BadRequest("invalid_query", "sellerId is a user id of at most 200 characters.");
                }

                var readsAll = user.FindAll(PlatformClaims.Role).Any(r => ReadAllRoles.Contains(r.Value)) || (self is null && Callers.IsClient(user));
                if (!readsAll && (self is null || (sellerId is not null && sellerId != self)))
                {
                    return ApiProblems.Forbidden("cash_up_other_seller", "A seller reads their own cash-up only; owners, admins and finance read every seller's.");
                }

                var (day, error) = await cashUp.DayAsync(date, ct);
                if (error is not null)
                {
                    return ApiProblems.BadRequest("invalid_query", error);
                }

                return TypedResults.Ok(await cashUp.ReadAsync(day!, readsAll ? sellerId : self, ct));
            })
            .RequireAuthorization(Policies.OrdersRead).WithName("GetCashUp")
            .WithSummary("The tenant's day (default today) per seller: cash and card-terminal payments taken minus refunds paid out, the expected cash and the recorded counts. Sellers see their own; owners, admins and finance every seller's (or sellerId's).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("/cash-up", async Task<Results<Created<CashUpResponse>, ProblemHttpResult>> (RecordCashCountRequest request, ClaimsPrincipal user,
                CashUpService cashUp, CancellationToken ct) =>
            {
                if (Seller(user) is not { } self)
                {
                    return ApiProblems.Forbidden("cash_up_other_seller", "Cash is counted by the person who holds it; an API client cannot record a count.");
                }

                var (day, error) = await cashUp.DayAsync(request.Date, ct);
                if (error is not null)
                {
                    return ApiProblems.Unprocessable("validation_failed", "One or more fields are invalid.", new Dictionary<string, string[]> { ["date"] = [error] });
                }

                var count = await cashUp.RecordAsync(day!, self, request, ct);
                return TypedResults.Created($"/api/v1/box-office/cash-up?date={count.Day:yyyy-MM-dd}", await cashUp.ReadAsync(day!, self, ct));
            })
            .WithValidation<RecordCashCountRequest>().RequireAuthorization(Policies.OrdersWrite).WithName("RecordCashCount")
            .WithSummary("Records the caller's counted cash for a day: once per day and currency (409 cash_up_already_counted), or with correction: true and a note as an audited new revision. The difference is counted − expected at that moment.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>The calling person's user id (a person's token: a subject that is not a client id), else null.</summary>
    private static string? Seller(ClaimsPrincipal user) =>
        Callers.IsClient(user) ? null : user.FindFirst(PlatformClaims.Subject)?.Value;
}
