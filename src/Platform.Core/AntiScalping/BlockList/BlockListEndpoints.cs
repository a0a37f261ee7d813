using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Holds;
using Platform.Http;

namespace Platform.AntiScalping.BlockList;

/// <summary>The block list routes, inside the anti-scalping group (owners and admins: policy tenant-admin).</summary>
public static class BlockListEndpoints
{
    public static RouteGroupBuilder MapBlockList(this RouteGroupBuilder group)
    {
        group.MapGet("/blocks", async Task<Results<Ok<CursorPage<RiskBlockResponse>>, ProblemHttpResult>> (int? limit, string? cursor, BlockListService blocks,
                CancellationToken ct) =>
            {
                var errors = Cursor.Validate(limit, cursor, out var take, out var after);
                return errors.Count > 0
                    ? ApiProblems.BadRequest("invalid_query", "One or more query values are invalid.", errors)
                    : TypedResults.Ok(await blocks.ListAsync(take, after, ct));
            })
            .WithName("ListRiskBlocks").WithSummary("The block list, newest first: e-mails, domains and networks whose public orders are refused.");
        group.MapPost("/blocks", async (RiskBlockRequest request, BlockListService blocks, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var added = await blocks.AddAsync(request, HoldEndpoints.CreatedBy(user), ct);
                return TypedResults.Created($"/api/v1/anti-scalping/blocks/{added.Id}", added);
            })
            .WithValidation<RiskBlockRequest>().WithName("AddRiskBlock")
            .WithSummary("Adds an e-mail, a domain or an IP address/network to the block list: its public orders are refused with 403 order_blocked.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/blocks/{blockId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid blockId, BlockListService blocks, CancellationToken ct) =>
                await blocks.RemoveAsync(blockId, ct) ? TypedResults.NoContent() : ApiProblems.NotFound("block-list entry"))
            .WithName("RemoveRiskBlock").WithSummary("Removes an entry from the block list.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
