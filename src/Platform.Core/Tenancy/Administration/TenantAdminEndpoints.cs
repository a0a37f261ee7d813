using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Tenancy.Administration;

public static class TenantAdminEndpoints
{
    public static IEndpointRouteBuilder MapTenantAdministration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/tenants")
            .WithTags("Tenant administration")
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithStandardProblems();

        group.MapPost("", CreateAsync).WithName("CreateTenant").WithSummary("Creates a tenant.")
            .WithValidation<CreateTenantRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("", ListAsync).WithName("ListTenants")
            .WithSummary("Lists tenants, filtered by status, kind and a text search over slug and name.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTenant").WithSummary("Gets one tenant.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateTenant")
            .WithSummary("Updates a tenant's name, locale, time zone, currency, plan or branding. Send If-Match with the version to guard against lost updates.")
            .WithValidation<UpdateTenantRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/suspend", SuspendAsync).WithName("SuspendTenant")
            .WithSummary("Suspends a tenant: its API calls and public pages are refused; its data stays intact.")
            .WithValidation<SuspendTenantRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/reactivate", ReactivateAsync).WithName("ReactivateTenant")
            .WithSummary("Reactivates a suspended tenant.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<TenantResponse>> CreateAsync(
        CreateTenantRequest request, TenantAdministration admin, CancellationToken ct)
    {
        var tenant = await admin.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/admin/tenants/{tenant.Id}", TenantResponse.From(tenant));
    }

    private static async Task<Results<Ok<CursorPage<TenantResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, string? status, string? kind, string? q, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (!QueryValues.TryParseEnum<TenantStatus>(status, out var statusFilter))
        {
            errors["status"] = [$"status must be one of: {QueryValues.Allowed<TenantStatus>()}."];
        }

        if (!QueryValues.TryParseEnum<TenantKind>(kind, out var kindFilter))
        {
            errors["kind"] = [$"kind must be one of: {QueryValues.Allowed<TenantKind>()}."];
        }

        if (q is { Length: > 100 })
        {
            errors["q"] = ["q must be at most 100 characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<Tenant>().AsNoTracking();
        if (statusFilter is { } s)
        {
            query = query.Where(t => t.Status == s);
        }

        if (kindFilter is { } k)
        {
            query = query.Where(t => t.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + EscapeLike(q.Trim()) + "%";
            query = query.Where(t => EF.Functions.ILike(t.Slug, pattern, "\\") || EF.Functions.ILike(t.DisplayName, pattern, "\\"));
        }

        if (after is { } afterId)
        {
            query = query.Where(t => t.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(t => t.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, t => t.Id, TenantResponse.From));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(
        Guid id, TenantAdministration admin, CancellationToken ct) =>
        await admin.FindAsync(id, ct) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(tenant))
            : ApiProblems.NotFound("tenant");

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateTenantRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        TenantAdministration admin, CancellationToken ct)
    {
        uint? expected = null;
        if (ifMatch is not null)
        {
            if (!uint.TryParse(ifMatch.Trim('"', 'W', '/'), out var parsed))
            {
                return ApiProblems.BadRequest("invalid_if_match", "If-Match must carry the tenant's version.",
                    new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the version number returned with the tenant."] });
            }

            expected = parsed;
        }

        if (await admin.FindAsync(id, ct) is not { } tenant)
        {
            return ApiProblems.NotFound("tenant");
        }

        return TypedResults.Ok(TenantResponse.From(await admin.UpdateAsync(tenant, request, expected, ct)));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> SuspendAsync(
        Guid id, SuspendTenantRequest request, TenantAdministration admin, CancellationToken ct) =>
        await admin.FindAsync(id, ct) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(await admin.SuspendAsync(tenant, request.Reason!.Trim(), ct)))
            : ApiProblems.NotFound("tenant");

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> ReactivateAsync(
        Guid id, TenantAdministration admin, CancellationToken ct) =>
        await admin.FindAsync(id, ct) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(await admin.ReactivateAsync(tenant, ct)))
            : ApiProblems.NotFound("tenant");

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
