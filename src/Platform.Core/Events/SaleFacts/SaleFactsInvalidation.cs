using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Pricing.Rules;
using Platform.Tenancy;

namespace Platform.Events.SaleFacts;

/// <summary>
/// Drops a tenant's cached <see cref="EventSaleFacts"/> whenever SaveChanges writes one of the rows they are made
/// of. It drops them when the rows are saved and again when the surrounding transaction commits: a request that
/// reloads in between may have read the rows as they were before the commit.
/// </summary>
internal sealed class SaleFactsInvalidation(EventSaleFactsCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context, keep: eventData.Context?.Database.CurrentTransaction is not null);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, keep: eventData.Context?.Database.CurrentTransaction is not null);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, keep: false);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted &&
                entry.Entity is Event or EventOccurrence or SalesWindow or TicketType or PricingRule or Tickets.EventTicketSettings &&
                entry.Entity is ITenantOwned owned)
            {
                pending.GetOrCreateValue(context).Add(owned.TenantId);
            }
        }
    }

    private void Flush(DbContext? context, bool keep)
    {
        if (context is null || !pending.TryGetValue(context, out var tenants))
        {
            return;
        }

        foreach (var tenantId in tenants)
        {
            cache.Invalidate(tenantId);
        }

        if (!keep)
        {
            pending.Remove(context);
        }
    }
}
