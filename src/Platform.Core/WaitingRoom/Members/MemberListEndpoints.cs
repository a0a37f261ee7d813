using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Http;

namespace Platform.WaitingRoom.Members;

/// <summary>The promoter's member list of an event's room: upload (replace), read the count, remove.</summary>
public static class MemberListEndpoints
{
    public static IEndpointRouteBuilder MapRoomMemberLists(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/events/{id:guid}/waiting-room/members").WithTags("Waiting room").WithStandardProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("", async Task<Results<Ok<MemberListResponse>, ProblemHttpResult>> (Guid id, MemberListRequest request, MemberListService members,
                CancellationToken ct) => await members.ReplaceAsync(id, request.List, ct) is { } list ? TypedResults.Ok(list) : ApiProblems.NotFound("waiting room"))
            .WithValidation<MemberListRequest>().RequireAuthorization(Policies.EventsWrite).WithName("PutWaitingRoomMembers")
            .WithSummary("Replaces the room's member list (plain text or CSV, up to 100,000 addresses, stored as salted hashes); listed buyers join the presale lane.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, MemberListService members, CancellationToken ct) =>
                await members.ClearAsync(id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound("waiting room"))
            .RequireAuthorization(Policies.EventsWrite).WithName("DeleteWaitingRoomMembers")
            .WithSummary("Removes the room's member list (passes already issued to members stay bound to their addresses).");
        return app;
    }
}
