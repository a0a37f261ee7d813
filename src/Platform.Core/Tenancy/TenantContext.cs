namespace Platform.Tenancy;

/// <summary>
/// The tenant of the current unit of work, resolved once per request (or set explicitly by a job or a command).
/// Absent means "no tenant": every tenant-owned query then returns nothing and every tenant-owned write throws.
/// </summary>
public sealed class TenantContext
{
    public Guid? TenantId { get; private set; }

    public string? Slug { get; private set; }

    public bool HasTenant => TenantId is not null;

    public Guid RequiredTenantId =>
        TenantId ?? throw new TenantIsolationException("No tenant is set for this unit of work.");

    public void Set(Guid tenantId, string? slug = null)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new TenantIsolationException("The tenant of a unit of work cannot change once set.");
        }

        TenantId = tenantId;
        Slug = slug;
    }
}

/// <summary>Thrown when code tries to read or write tenant data without, or across, a tenant.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
