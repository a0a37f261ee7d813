using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Auditing;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Tenancy;

/// <summary>
/// Each layer of tenant isolation proven on its own (issue #23, mutations 3 and 4). Behind the app, Row-Level Security
/// hides other tenants' rows even when the EF filter is wrong, so a test through the app cannot see the filter fail;
/// and a tenant setting that outlived its transaction is hidden by the next request setting its own. Here the filter
/// runs on a connection that bypasses RLS, and the setting is read on pooled connections after its transaction ended.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantLayerTests(PlatformFixture fixture)
{
    /// <summary>A context outside the app's DI, on <paramref name="dataSource"/>, with the app's tenant interceptor.</summary>
    private static PlatformDbContext Context(NpgsqlDataSource dataSource, Guid? tenantId)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
        {
            tenant.Set(id);
        }

        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        PersistenceExtensions.Configure(options, dataSource).AddInterceptors(new TenantSessionInterceptor());
        return new PlatformDbContext(options.Options, tenant);
    }

    [Fact]
    public async Task QueryFilter_OnConnectionBypassingRls_ReturnsOnlyTheContextsTenant()
    {
        var a = await fixture.CreateTenantAsync("qf-a");
        var b = await fixture.CreateTenantAsync("qf-b");
        // The superuser bypasses RLS: whatever this context sees, only its own query filter decided.
        await using var superuser = NpgsqlDataSource.Create(fixture.SuperuserConnectionString);
        await using var db = Context(superuser, a.Id);

        var filtered = await db.Set<AuditEntry>().AsNoTracking().Select(e => e.TenantId).ToListAsync();
        var unfiltered = await db.Set<AuditEntry>().AsNoTracking().IgnoreQueryFilters([PlatformDbContext.TenantFilterName])
            .Where(e => e.TenantId == a.Id || e.TenantId == b.Id).Select(e => e.TenantId).ToListAsync();

        Assert.Contains(b.Id, unfiltered);
        Assert.NotEmpty(filtered);
        Assert.All(filtered, t => Assert.Equal(a.Id, t));
    }

    [Fact]
    public async Task QueryFilter_OnConnectionBypassingRlsWithoutTenant_ReturnsNothing()
    {
        await fixture.CreateTenantAsync("qf-none");
        await using var superuser = NpgsqlDataSource.Create(fixture.SuperuserConnectionString);
        await using var db = Context(superuser, tenantId: null);

        Assert.Equal(0, await db.Set<AuditEntry>().CountAsync());
        Assert.NotEqual(0, await db.Set<AuditEntry>().IgnoreQueryFilters([PlatformDbContext.TenantFilterName]).CountAsync());
    }

    [Fact]
    public async Task Model_EveryTenantOwnedEntity_HasTheNamedTenantFilter()
    {
        await using var superuser = NpgsqlDataSource.Create(fixture.SuperuserConnectionString);
        await using var db = Context(superuser, tenantId: null);

        var owned = db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned()).ToList();
        var missing = owned.Where(t => t.FindDeclaredQueryFilter(PlatformDbContext.TenantFilterName) is null).Select(t => t.ClrType.Name).ToList();

        Assert.True(owned.Count > 20, $"Only {owned.Count} tenant-owned entity types found.");
        Assert.True(missing.Count == 0, "Tenant-owned entities without the tenant filter: " + string.Join(", ", missing));
    }

    /// <summary>
    /// ADR 0065 keeps both ways past one database open (tenant cells, or distribution on tenant_id): every tenant-owned
    /// table's primary key, unique indexes and references to other tenant-owned tables include tenant_id, so no row's
    /// identity or reference ever spans two tenants (references to global rows, a membership's user, are fine). The one global unique is an API client's public id, which a request resolves before it knows
    /// the tenant.
    /// </summary>
    [Fact]
    public async Task Model_EveryTenantOwnedTable_KeysReferencesAndUniquesIncludeTheTenant()
    {
        await using var superuser = NpgsqlDataSource.Create(fixture.SuperuserConnectionString);
        await using var db = Context(superuser, tenantId: null);
        string[] globalUniques = ["api_clients(client_id)"];

        var owned = db.Model.GetEntityTypes().Where(t => t.FindProperty(nameof(ITenantOwned.TenantId)) is not null && !t.IsOwned()).ToList();
        static bool HasTenant(IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty> properties) =>
            properties.Any(p => p.Name == nameof(ITenantOwned.TenantId));
        string Name(Microsoft.EntityFrameworkCore.Metadata.IEntityType t, IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty> p) =>
            $"{t.GetTableName()}({string.Join(", ", p.Select(x => x.GetColumnName()))})";

        var offenders = owned.Where(t => t.FindPrimaryKey() is not { } key || !HasTenant(key.Properties)).Select(t => $"key of {t.GetTableName()}")
            .Concat(owned.SelectMany(t => t.GetForeignKeys()).Where(f => owned.Contains(f.PrincipalEntityType) && !HasTenant(f.Properties)).Select(f => "reference " + Name(f.DeclaringEntityType, f.Properties)))
            .Concat(owned.SelectMany(t => t.GetIndexes().Where(i => i.IsUnique && !HasTenant(i.Properties)).Select(i => Name(t, i.Properties)))
                .Where(u => !globalUniques.Contains(u)).Select(u => "unique " + u))
            .ToList();

        Assert.True(owned.Count > 50, $"Only {owned.Count} tenant-owned entity types found.");
        Assert.True(offenders.Count == 0, "Tenant-owned tables whose identity spans tenants: " + string.Join("; ", offenders));
    }

    /// <summary>
    /// After a request has written and committed for a tenant, every connection of the app's pool (No Reset On Close,
    /// so nothing clears session state on return) must carry no tenant: the setting is transaction-local.
    /// </summary>
    [Fact]
    public async Task AppPool_AfterCommittedTenantRequest_NoConnectionCarriesTheTenant()
    {
        var tenant = await fixture.CreateTenantAsync("pool-set");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        (await owner.PostAsJsonAsync("/api/v1/venues", new { name = "Setting Hall", address = "1 Main St" })).EnsureSuccessStatusCode();
        (await owner.GetAsync("/api/v1/venues")).EnsureSuccessStatusCode();

        // Take every connection the pool may hold at once, so the ones that served the requests are among them.
        var dataSource = fixture.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < PlatformFixture.MaxPoolSize; i++)
            {
                connections.Add(await dataSource.OpenConnectionAsync());
            }

            foreach (var connection in connections)
            {
                await using var command = new NpgsqlCommand("SELECT current_setting('app.tenant_id', true)", connection);
                var setting = await command.ExecuteScalarAsync() as string;
                Assert.True(string.IsNullOrEmpty(setting), $"A pooled connection still carries app.tenant_id = {setting}");
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A pool of one connection: a tenant's query and a committed transaction, then a context without a tenant on that
    /// same physical connection sees no tenant rows even with the EF filter off (RLS with no setting shows nothing).
    /// </summary>
    [Fact]
    public async Task PoolOfOne_NoTenantQueryAfterTenantWork_SeesNoTenantRows()
    {
        var tenant = await fixture.CreateTenantAsync("pool-one");
        await using var dataSource = PersistenceExtensions.CreateDataSource(fixture.Cluster.Connection(PlatformFixture.Database, "platform_app", 1));
        int backend;
        await using (var db = Context(dataSource, tenant.Id))
        {
            Assert.NotEqual(0, await db.Set<AuditEntry>().CountAsync());
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.NotEqual(0, await db.Set<AuditEntry>().CountAsync());
            await transaction.CommitAsync();
            backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        }

        await using var none = Context(dataSource, tenantId: null);
        var visible = await none.Set<AuditEntry>().IgnoreQueryFilters([PlatformDbContext.TenantFilterName]).CountAsync();
        var setting = await none.Database.SqlQueryRaw<string?>("SELECT current_setting('app.tenant_id', true) AS \"Value\"").SingleAsync();
        var sameBackend = await none.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

        Assert.Equal(backend, sameBackend);
        Assert.True(string.IsNullOrEmpty(setting), $"The pooled connection still carries app.tenant_id = {setting}");
        Assert.Equal(0, visible);
    }
}
