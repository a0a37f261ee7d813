using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auditing;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Tenancy;

[Collection(PlatformCollection.Name)]
public sealed class TenantWriteGuardTests(PlatformFixture fixture)
{
    private static AuditEntry Entry(Guid tenantId = default) => new()
    {
        TenantId = tenantId, OccurredAt = DateTimeOffset.UtcNow, Actor = "test", Action = "test.written", EntityType = "test", EntityId = "1",
    };

    [Fact]
    public async Task SaveChanges_WithoutTenant_Throws()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.Add(Entry(Guid.NewGuid()));

        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_RowOfAnotherTenant_Throws()
    {
        var a = await fixture.CreateTenantAsync();
        var b = await fixture.CreateTenantAsync();
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(a.Id);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.Add(Entry(b.Id));

        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_NewRow_InheritsTenantAndQueryFilterHidesOthers()
    {
        var a = await fixture.CreateTenantAsync();
        var b = await fixture.CreateTenantAsync();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(a.Id);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Add(Entry());
            await db.SaveChangesAsync();
            Assert.All(await db.Set<AuditEntry>().ToListAsync(), e => Assert.Equal(a.Id, e.TenantId));
        }

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(b.Id);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            Assert.DoesNotContain(await db.Set<AuditEntry>().ToListAsync(), e => e.Action == "test.written");

            // Even with the EF filter switched off, RLS still hides tenant A's rows.
            var unfiltered = await db.Set<AuditEntry>().IgnoreQueryFilters([PlatformDbContext.TenantFilterName]).ToListAsync();
            Assert.All(unfiltered, e => Assert.Equal(b.Id, e.TenantId));
        }
    }
}
