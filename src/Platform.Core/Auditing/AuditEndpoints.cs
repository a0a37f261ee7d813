using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Auditing;

public sealed record AuditEntryResponse(
    Guid Id, DateTimeOffset OccurredAt, string Actor, string Action, string EntityType, string EntityId, JsonElement? Changes);

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit-log")
            .WithTags("Audit log")
            .RequireAuthorization(Policies.TenantAdmin)
            .WithStandardProblems();

        group.MapGet("", ListAsync)
            .WithName("ListAuditEntries")
            .WithSummary("Lists the tenant's audit entries, newest last, optionally for one entity.");
        return app;
    }

    private static async Task<Results<Ok<CursorPage<AuditEntryResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, string? entityType, string? entityId, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<AuditEntry>().AsNoTracking();
        if (entityType is not null)
        {
            query = query.Where(e => e.EntityType == entityType);
        }

        if (entityId is not null)
        {
            query = query.Where(e => e.EntityId == entityId);
        }

        if (after is { } afterId)
        {
            query = query.Where(e => e.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, e => e.Id, ToResponse));
    }

    private static AuditEntryResponse ToResponse(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId,
        e.Changes is null ? null : JsonDocument.Parse(e.Changes).RootElement.Clone());
}
