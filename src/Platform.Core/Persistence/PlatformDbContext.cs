using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Users;
using Platform.Tenancy;

namespace Platform.Persistence;

/// <summary>
/// The platform's single unit of work. Each capability owns its entity configurations (IEntityTypeConfiguration
/// beside its entities); this class only wires the tenant isolation that applies to all of them.
/// It is also ASP.NET Core Identity's user store, OpenIddict's store and the Data Protection key ring: all of those
/// tables are platform-level (no tenant_id), see docs/adr/0003.
/// </summary>
public sealed class PlatformDbContext : IdentityUserContext<PlatformUser, Guid>, IDataProtectionKeyContext
{
    public const string TenantFilterName = "Tenant";

    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(PlatformDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public PlatformDbContext(DbContextOptions<PlatformDbContext> options, TenantContext tenant)
        : base(options)
    {
        Tenant = tenant;
        // EF wraps each SaveChanges inside a transaction in SAVEPOINT … RELEASE SAVEPOINT (two more statements, ~10
        // per checkout measured), so a failed save could be retried within the transaction. We never do that: a
        // failed save ends its transaction (the caller rolls back or maps the error and disposes it).
        Database.AutoSavepointsEnabled = false;
    }

    internal TenantContext Tenant { get; }

    /// <summary>Read by the tenant query filter on every query; null matches no row (fail closed).</summary>
    internal Guid? CurrentTenantId => Tenant.TenantId;

    /// <summary>A transaction begun for a tenant whose first statement has not run yet (TenantSessionInterceptor).</summary>
    private DbTransaction? tenantSettingDeferredOn;

    internal void DeferTenantSetting(DbTransaction transaction) => tenantSettingDeferredOn = transaction;

    /// <summary>
    /// The tenant statement the first command of <paramref name="transaction"/> must carry, handed out once; null when
    /// it has been sent already, or no tenant is set. Raw SQL run inside a transaction of this context must ask for
    /// it (CheckoutSql and TenantBatch do), or Row-Level Security shows it no tenant rows.
    /// </summary>
    internal string? TakeTenantSetting(DbTransaction? transaction)
    {
        if (transaction is null || !ReferenceEquals(transaction, tenantSettingDeferredOn) || CurrentTenantId is not { } tenantId)
        {
            return null;
        }

        tenantSettingDeferredOn = null;
        return TenantSessionInterceptor.SetTenantStatement(tenantId);
    }

    /// <summary>Raw statements the next SaveChanges command carries after EF's own (TenantSessionInterceptor).</summary>
    private readonly List<(string Sql, Npgsql.NpgsqlParameter[] Parameters)> withNextSave = [];

    /// <summary>
    /// Sends <paramref name="sql"/> in the same round trip as the next SaveChanges command, after EF's statements (so
    /// EF's per-statement row counts stay where it reads them). In a transaction it commits with the save; when it
    /// fails (e.g. <c>checkout_require</c>) the save fails with it. Checkout uses this so a hold's lock check and an
    /// Idempotency-Key's answer cost no round trip of their own (issue #20).
    /// </summary>
    internal void SendWithNextSave(string sql, params Npgsql.NpgsqlParameter[] parameters) => withNextSave.Add((sql, parameters));

    /// <summary>
    /// At most this many pending changes may ride on a save that commits its transaction in the same round trip
    /// (<see cref="CommitWithNextSave"/>): EF splits a save into several commands only past 1,000 statements (Npgsql's
    /// default MaxBatchSize) or 65,535 parameters, so a save this small is always ONE command and the COMMIT is its last
    /// statement. A larger one would carry the COMMIT in its first command and run the rest outside the transaction.
    /// </summary>
    internal const int SingleCommandSaveLimit = 200;

    /// <summary>
    /// Queues <c>COMMIT</c> as the very last statement of the next save (after everything else queued), so the current
    /// transaction commits in the save's round trip instead of one of its own (issue #20). PostgreSQL runs it only when
    /// every statement before it succeeded (an error skips the rest of the command and leaves the transaction failed,
    /// to be rolled back as before). Returns false — nothing queued, commit as usual — when the save could span more
    /// than one command. After a successful save the transaction is complete: the caller disposes it and must not
    /// commit it (Npgsql would refuse: "This NpgsqlTransaction has completed").
    /// </summary>
    internal bool CommitWithNextSave()
    {
        if (Database.CurrentTransaction is null || TrackedEntries() > SingleCommandSaveLimit)
        {
            return false;
        }

        withNextSave.Add((CommitStatement, Array.Empty<Npgsql.NpgsqlParameter>()));
        return true;
    }

    internal const string CommitStatement = "COMMIT";

    /// <summary>
    /// Every tracked entry, whatever its state: an upper bound of the statements the next save sends (an unchanged entry
    /// sends none). Counted without DetectChanges — ChangeTracker.Entries() runs it first, and the save runs it again
    /// anyway, so this count used to cost a full change detection per checkout save (~2 % of a request's bytes, gc-verbose).
    /// </summary>
    private int TrackedEntries()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return ChangeTracker.Entries().Count();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>The statements waiting for the next SaveChanges command, handed out once.</summary>
    internal List<(string Sql, Npgsql.NpgsqlParameter[] Parameters)>? TakeWithNextSave()
    {
        if (withNextSave.Count == 0)
        {
            return null;
        }

        var taken = withNextSave.ToList();
        withNextSave.Clear();
        return taken;
    }

    /// <summary>A statement waiting to ride in front of the next read outside a transaction, and who wants its answer.</summary>
    private ReadRider? withNextRead;

    /// <summary>The command carrying <see cref="withNextRead"/>, whose reader answers it (TenantSessionInterceptor).</summary>
    private (DbCommand Command, ReadRider Rider)? riding;

    /// <summary>
    /// Sends <paramref name="sql"/> in front of the next query this context runs outside a transaction (after the
    /// tenant setting, so in the same implicit transaction, which commits when the query's batch ends): a statement that
    /// must commit before the request's work, such as an Idempotency-Key claim, costs no round trip of its own (issue
    /// #20). <paramref name="answered"/> is told whether it returned a row. Reads inside a transaction, saves, scalars
    /// and raw SQL never carry it: whoever queued it must check it was answered (<see cref="TakeWithNextRead"/> takes
    /// back one that never went).
    /// </summary>
    internal void SendWithNextRead(string sql, Npgsql.NpgsqlParameter[] parameters, Action<bool> answered) =>
        withNextRead = new ReadRider(sql, parameters, answered);

    /// <summary>The statement waiting for the next read, handed out once (to the interceptor, or back to whoever queued it).</summary>
    internal ReadRider? TakeWithNextRead()
    {
        var rider = withNextRead;
        withNextRead = null;
        return rider;
    }

    internal void Riding(DbCommand command, ReadRider rider) => riding = (command, rider);

    /// <summary>The rider <paramref name="command"/> carries, handed out once when its reader is ready.</summary>
    internal ReadRider? TakeRiding(DbCommand command)
    {
        if (riding is not { } r || !ReferenceEquals(r.Command, command))
        {
            return null;
        }

        riding = null;
        return r.Rider;
    }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict<Guid>();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlatformDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned()))
        {
            ApplyTenantFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [modelBuilder]);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Guards tenant writes, and makes SaveChanges always run in a transaction so the tenant is set once at its start
    /// (see TenantSessionInterceptor).
    /// </summary>
    private void PrepareSave()
    {
        TenantWriteGuard.Check(this);
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned
    {
        // Captures this context so EF re-reads CurrentTenantId for every query (a parameter, not a constant).
        Expression<Func<TEntity, bool>> filter = e => e.TenantId == CurrentTenantId;
        modelBuilder.Entity<TEntity>().HasQueryFilter(TenantFilterName, filter);
    }
}

/// <summary>A statement riding in front of a read (<see cref="PlatformDbContext.SendWithNextRead"/>).</summary>
internal sealed record ReadRider(string Sql, Npgsql.NpgsqlParameter[] Parameters, Action<bool> Answered);
