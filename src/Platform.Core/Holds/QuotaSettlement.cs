using Platform.Outbox;
using Platform.Persistence;
using Platform.Tenancy;
using static Platform.Holds.CheckoutSql;

namespace Platform.Holds;

/// <summary>
/// Settles paid holds' quota units (held → sold) after the payments commit. When a batch of a tenant's outbox
/// events contained an <c>order.paid</c>, every unsettled converted hold of the tenant (up to <see cref="Limit"/>)
/// is settled by ONE statement sent with its tenant setting as one implicit transaction: one touch of the event's
/// contended counter row per batch instead of one per payment, and its lock is never held across a round trip to
/// the app. The periodic sweep (<see cref="RecoverAsync"/>) catches up whatever a crash left. See ADR 0006.
/// </summary>
internal sealed class QuotaSettlement(PlatformDbContext db, TenantContext tenant) : IOutboxHandler
{
    public const int Limit = 2000;

    private bool paid;

    public string Lane => "settlement";

    public Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct)
    {
        paid |= events.Any(e => e.Type == "order.paid");
        return Task.CompletedTask;
    }

    public async Task CommittedAsync(CancellationToken ct)
    {
        if (paid)
        {
            paid = false;
            await SettleAsync(ct);
        }
    }

    public async Task RecoverAsync(CancellationToken ct)
    {
        for (var round = 0; round < 50 && await SettleAsync(ct) > 0; round++)
        {
        }
    }

    private Task<int> SettleAsync(CancellationToken ct) =>
        TenantBatch.OnConnectionAsync(db, async connection =>
        {
            await using var batch = new TenantBatch(connection, null, tenant.RequiredTenantId);
            var settle = batch.Add(HoldStock.SettleQuotasSql(skipLocked: true),
                P("t", tenant.RequiredTenantId), P("h", (Guid?)null), P("limit", Limit));
            await batch.ExecuteAsync(ct);
            return settle.RecordsAffected;
        }, ct);
}
