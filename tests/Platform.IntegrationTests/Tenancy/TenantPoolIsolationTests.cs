using Platform.Auditing;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

[Collection(PlatformCollection.Name)]
public sealed class TenantPoolIsolationTests(PlatformFixture fixture)
{
    /// <summary>
    /// 2,000 requests alternating two tenants, eight at a time, over a pool of at most five connections: each
    /// connection serves both tenants many times, and not one response carries the other tenant's rows.
    /// </summary>
    [Fact]
    public async Task AlternatingTenants_OverSmallPool_NeverSeeEachOthersRows()
    {
        var a = await fixture.CreateTenantAsync("pool-a");
        var b = await fixture.CreateTenantAsync("pool-b");
        using var clientA = fixture.CreateClient(TestCaller.TenantMember(a.Id, "admin"));
        using var clientB = fixture.CreateClient(TestCaller.TenantMember(b.Id, "admin"));

        var crossTenantRows = 0;
        var failures = 0;
        await Parallel.ForAsync(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var (client, own) = i % 2 == 0 ? (clientA, a.Id) : (clientB, b.Id);
            var response = await client.GetAsync("/api/v1/audit-log?entityType=tenant", ct);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
                return;
            }

            var page = await response.ReadAsync<CursorPage<AuditEntryResponse>>();
            if (page.Data.Count == 0 || page.Data.Any(e => e.EntityId != own.ToString()))
            {
                Interlocked.Increment(ref crossTenantRows);
            }
        });

        Assert.Equal(0, failures);
        Assert.Equal(0, crossTenantRows);
    }
}
