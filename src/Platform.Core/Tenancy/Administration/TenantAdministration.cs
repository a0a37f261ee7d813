using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Tenancy.Administration;

/// <summary>
/// Creates and changes tenants. Each change and its audit entry commit together; the admin request acts within the
/// tenant it changes, so the audit entry is written under that tenant's isolation.
/// </summary>
public sealed class TenantAdministration(
    PlatformDbContext db, TenantContext tenantContext, AuditLog audit, TenantDirectory directory, TimeProvider clock)
{
    public async Task<Tenant> CreateAsync(CreateTenantRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tenant = new Tenant
        {
            Slug = request.Slug!,
            DisplayName = request.DisplayName!.Trim(),
            Kind = request.Kind!.Value,
            Locale = request.Locale!,
            TimeZone = request.TimeZone!,
            DefaultCurrency = request.DefaultCurrency!,
            Plan = request.Plan ?? TenantPlans.Standard,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ApplyBranding(tenant, request.Branding, new ChangeSet());

        tenantContext.Set(tenant.Id, tenant.Slug);
        db.Add(tenant);
        audit.Record("tenant.created", "tenant", tenant.Id.ToString());
        await SaveAsync(ct);
        return tenant;
    }

    public async Task<Tenant?> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<Tenant>().FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<Tenant> UpdateAsync(Tenant tenant, UpdateTenantRequest request, uint? expectedVersion, CancellationToken ct)
    {
        CheckVersion(tenant, expectedVersion);
        var changes = new ChangeSet();
        changes.Set("displayName", tenant.DisplayName, request.DisplayName?.Trim(), v => tenant.DisplayName = v);
        changes.Set("locale", tenant.Locale, request.Locale, v => tenant.Locale = v);
        changes.Set("timeZone", tenant.TimeZone, request.TimeZone, v => tenant.TimeZone = v);
        changes.Set("defaultCurrency", tenant.DefaultCurrency, request.DefaultCurrency, v => tenant.DefaultCurrency = v);
        changes.Set("plan", tenant.Plan, request.Plan, v => tenant.Plan = v);
        ApplyBranding(tenant, request.Branding, changes);
        return await CommitChangeAsync(tenant, "tenant.updated", changes, ct);
    }

    public async Task<Tenant> SuspendAsync(Tenant tenant, string reason, CancellationToken ct)
    {
        if (tenant.Status == TenantStatus.Suspended)
        {
            throw new ConflictException("tenant_already_suspended", "The tenant is already suspended.");
        }

        var changes = new ChangeSet();
        changes.Set("status", tenant.Status, TenantStatus.Suspended, v => tenant.Status = v);
        changes.Set("suspensionReason", tenant.SuspensionReason, reason, v => tenant.SuspensionReason = v);
        tenant.SuspendedAt = clock.GetUtcNow();
        return await CommitChangeAsync(tenant, "tenant.suspended", changes, ct);
    }

    public async Task<Tenant> ReactivateAsync(Tenant tenant, CancellationToken ct)
    {
        if (tenant.Status == TenantStatus.Active)
        {
            throw new ConflictException("tenant_not_suspended", "The tenant is not suspended.");
        }

        var changes = new ChangeSet();
        changes.Set("status", tenant.Status, TenantStatus.Active, v => tenant.Status = v);
        tenant.SuspensionReason = null;
        tenant.SuspendedAt = null;
        return await CommitChangeAsync(tenant, "tenant.reactivated", changes, ct);
    }

    private async Task<Tenant> CommitChangeAsync(Tenant tenant, string action, ChangeSet changes, CancellationToken ct)
    {
        if (changes.Changes.Count == 0)
        {
            return tenant;
        }

        tenantContext.Set(tenant.Id, tenant.Slug);
        tenant.UpdatedAt = clock.GetUtcNow();
        audit.Record(action, "tenant", tenant.Id.ToString(), changes.Changes);
        await SaveAsync(ct);
        directory.Invalidate(tenant);
        return tenant;
    }

    private static void CheckVersion(Tenant tenant, uint? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != tenant.Version)
        {
            throw new ConflictException("version_mismatch",
                $"The tenant is at version {tenant.Version}, not {expected}; reload it and try again.");
        }
    }

    private static void ApplyBranding(Tenant tenant, BrandingRequest? branding, ChangeSet changes)
    {
        if (branding is null)
        {
            return;
        }

        var b = tenant.Branding;
        changes.Set("branding.logoUrl", b.LogoUrl, branding.LogoUrl, v => b.LogoUrl = v);
        changes.Set("branding.primaryColor", b.PrimaryColor, branding.PrimaryColor?.ToUpperInvariant(), v => b.PrimaryColor = v);
        changes.Set("branding.accentColor", b.AccentColor, branding.AccentColor?.ToUpperInvariant(), v => b.AccentColor = v);
        changes.Set("branding.customHost", b.CustomHost, branding.CustomHost, v => b.CustomHost = v);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            throw pg.ConstraintName switch
            {
                var c when c?.Contains("slug", StringComparison.Ordinal) == true =>
                    new ConflictException("slug_taken", "Another tenant already uses this slug."),
                var c when c?.Contains("custom_host", StringComparison.Ordinal) == true =>
                    new ConflictException("custom_host_taken", "Another tenant already uses this custom host."),
                _ => new ConflictException("duplicate", "A tenant with the same unique value already exists."),
            };
        }
    }
}
