namespace Platform.Tenancy;

/// <summary>
/// Marks an entity as owned by one tenant. Every such entity is covered by the tenant query filter,
/// the SaveChanges guard and a PostgreSQL Row-Level Security policy (see docs/adr/0002-tenant-isolation.md).
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
