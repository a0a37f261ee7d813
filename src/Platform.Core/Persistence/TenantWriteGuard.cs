using Microsoft.EntityFrameworkCore;
using Platform.Tenancy;

namespace Platform.Persistence;

/// <summary>
/// Fails closed before anything reaches the database: a tenant-owned row may only be added, changed or deleted
/// inside a unit of work of that same tenant. New rows inherit the current tenant.
/// </summary>
internal static class TenantWriteGuard
{
    public static void Check(PlatformDbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var tenantId = context.Tenant.TenantId ?? throw new TenantIsolationException(
                $"Cannot save {entry.Metadata.ClrType.Name}: no tenant is set for this unit of work.");

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Entity.TenantId = tenantId;
            }

            var original = entry.State == EntityState.Added
                ? entry.Entity.TenantId
                : entry.Property(e => e.TenantId).OriginalValue;

            if (entry.Entity.TenantId != tenantId || original != tenantId)
            {
                throw new TenantIsolationException(
                    $"Cannot save {entry.Metadata.ClrType.Name} of another tenant in this unit of work.");
            }
        }
    }
}
