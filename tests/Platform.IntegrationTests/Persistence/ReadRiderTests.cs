using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Auditing;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Persistence;

/// <summary>
/// ADR 0069: a statement queued with <see cref="PlatformDbContext.SendWithNextRead"/> (the Idempotency-Key claim of a
/// payment) rides in front of the next query outside a transaction, under the tenant setting, and the query still gets
/// its own rows; inside a transaction it does not ride (it must commit before the work, not with it).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReadRiderTests(PlatformFixture fixture)
{
    [Fact]
    public async Task SendWithNextRead_NextQuery_RunsUnderTheTenantAndAnswersBeforeTheQuerysRows()
    {
        var tenant = await fixture.CreateTenantAsync("rider-a");
        await using var app = NpgsqlDataSource.Create(fixture.AppConnectionString);
        await using var db = Context(app, tenant.Id);
        bool? answered = null;
        // Row-Level Security shows the rider this tenant's rows only if the setting came first in the same batch.
        db.SendWithNextRead("SELECT 1 FROM tenants WHERE id = @rider_t AND current_setting('app.tenant_id', true) = @rider_t::text",
            [new NpgsqlParameter("rider_t", NpgsqlDbType.Uuid) { Value = tenant.Id }], found => answered = found);

        // A query with a parameter of its own (EF's are positional: the rider's are renumbered behind them).
        var action = "no-such-action";
        var rows = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action != action).Select(e => e.TenantId).ToListAsync();

        Assert.True(answered);
        Assert.All(rows, t => Assert.Equal(tenant.Id, t));
        Assert.Null(db.TakeWithNextRead());
    }

    [Fact]
    public async Task SendWithNextRead_QueryInsideATransaction_DoesNotRide()
    {
        var tenant = await fixture.CreateTenantAsync("rider-b");
        await using var app = NpgsqlDataSource.Create(fixture.AppConnectionString);
        await using var db = Context(app, tenant.Id);
        bool? answered = null;
        db.SendWithNextRead("SELECT 1", [], found => answered = found);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Set<AuditEntry>().AsNoTracking().Select(e => e.Id).ToListAsync();
            await transaction.CommitAsync();
        }

        Assert.Null(answered);
        Assert.NotNull(db.TakeWithNextRead());
    }

    private static PlatformDbContext Context(NpgsqlDataSource dataSource, Guid tenantId)
    {
        var tenant = new TenantContext();
        tenant.Set(tenantId);
        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        PersistenceExtensions.Configure(options, dataSource).AddInterceptors(new TenantSessionInterceptor());
        return new PlatformDbContext(options.Options, tenant);
    }
}
