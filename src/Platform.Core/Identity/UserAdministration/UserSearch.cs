using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Http;
using Platform.Identity.Memberships;
using Platform.Identity.Users;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Identity.UserAdministration;

/// <summary>One tenant a user belongs to, with the role held there and whether the tenant is suspended.</summary>
public sealed record UserMembershipResponse(Guid TenantId, string TenantSlug, string TenantName, TenantStatus TenantStatus, string Role);

public sealed record AdminUserResponse(
    Guid Id, string Email, string DisplayName, bool IsDisabled, bool IsPlatformAdmin, bool EmailConfirmed, DateTimeOffset CreatedAt,
    IReadOnlyList<UserMembershipResponse> Memberships);

/// <summary>
/// GET /api/v1/admin/users?q=&amp;status=: the platform admin's user list (e-mail or name search, active/disabled) with
/// each user's tenants and roles, so a person can be found and disabled without knowing their id.
/// </summary>
internal static class UserSearch
{
    public static async Task<Results<Ok<CursorPage<AdminUserResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, string? q, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (q is { Length: > 100 })
        {
            errors["q"] = ["q must be at most 100 characters."];
        }

        if (status is not null and not ("active" or "disabled"))
        {
            errors["status"] = ["status must be one of: active, disabled."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<PlatformUser>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + EscapeLike(q.Trim()) + "%";
            query = query.Where(u => EF.Functions.ILike(u.Email!, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\"));
        }

        if (status is not null)
        {
            var disabled = status == "disabled";
            query = query.Where(u => u.IsDisabled == disabled);
        }

        if (after is { } afterId)
        {
            query = query.Where(u => u.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(u => u.Id).Take(take + 1).ToListAsync(ct);
        var memberships = await MembershipsAsync(db, [.. rows.Take(take).Select(u => u.Id)], ct);
        return TypedResults.Ok(Cursor.Page(rows, take, u => u.Id, u => new AdminUserResponse(
            u.Id, u.Email!, u.DisplayName, u.IsDisabled, u.IsPlatformAdmin, u.EmailConfirmed, u.CreatedAt,
            memberships.TryGetValue(u.Id, out var m) ? m : [])));
    }

    /// <summary>
    /// The page's users' memberships. Memberships are tenant rows under row-level security; the only policy that
    /// crosses tenants is membership_self (one user's own rows, MembershipDirectory). Rather than widen it for
    /// platform admins, the list asks it once per user on the page (at most 200, one transaction): a platform
    /// admin's page is rare, and the tenant isolation policies stay exactly as they are.
    /// </summary>
    private static async Task<Dictionary<Guid, List<UserMembershipResponse>>> MembershipsAsync(
        PlatformDbContext db, IReadOnlyList<Guid> userIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, List<UserMembershipResponse>>();
        if (userIds.Count == 0)
        {
            return result;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var userId in userIds)
        {
            await db.Database.ExecuteSqlAsync($"SELECT set_config('app.user_id', {userId.ToString()}, true)", ct);
            var rows = await db.Set<TenantMembership>().IgnoreQueryFilters([PlatformDbContext.TenantFilterName]).AsNoTracking()
                .Where(m => m.UserId == userId)
                .Join(db.Set<Tenant>(), m => m.TenantId, t => t.Id, (m, t) => new { t.Id, t.Slug, t.DisplayName, t.Status, m.Role })
                .OrderBy(v => v.Slug)
                .ToListAsync(ct);
            result[userId] = [.. rows.Select(r => new UserMembershipResponse(r.Id, r.Slug, r.DisplayName, r.Status, r.Role))];
        }

        await transaction.CommitAsync(ct);
        return result;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
