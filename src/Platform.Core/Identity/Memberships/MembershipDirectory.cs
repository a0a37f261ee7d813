using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Identity.Memberships;

public sealed record MembershipView(Guid TenantId, string TenantSlug, string TenantName, string Role);

/// <summary>
/// The one place that reads memberships across tenants: a user's own, at sign-in and token refresh. It sets
/// <see cref="UserSetting"/> for one transaction, which the narrowly scoped <c>membership_self</c> policy admits
/// (SELECT only, rows of that user only, docs/adr/0003); tenant isolation stays untouched for everything else.
/// </summary>
public sealed class MembershipDirectory(PlatformDbContext db)
{
    public const string UserSetting = "app.user_id";

    public async Task<IReadOnlyList<MembershipView>> ForUserAsync(Guid userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT set_config('app.user_id', {userId.ToString()}, true)", ct);
        var rows = await db.Set<TenantMembership>().IgnoreQueryFilters([PlatformDbContext.TenantFilterName])
            .Where(m => m.UserId == userId)
            .Join(db.Set<Tenant>().Where(t => t.Status == TenantStatus.Active), m => m.TenantId, t => t.Id,
                (m, t) => new { t.Id, t.Slug, t.DisplayName, m.Role })
            .OrderBy(v => v.Slug)
            .ToListAsync(ct);
        await transaction.CommitAsync(ct);
        return [.. rows.Select(r => new MembershipView(r.Id, r.Slug, r.DisplayName, r.Role))];
    }
}

/// <summary>The second RLS policy on tenant_memberships, applied by the migrate step beside tenant_isolation.</summary>
internal static class MembershipRowLevelSecurity
{
    public const string PolicyName = "membership_self";

    public static string PolicySql => $"""
        DROP POLICY IF EXISTS {PolicyName} ON "{TenantMembershipConfiguration.Table}";
        CREATE POLICY {PolicyName} ON "{TenantMembershipConfiguration.Table}" FOR SELECT
            USING (user_id = NULLIF(current_setting('{MembershipDirectory.UserSetting}', true), '')::uuid);
        """;
}
