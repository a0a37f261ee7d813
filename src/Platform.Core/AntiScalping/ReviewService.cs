using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Http;
using Platform.Orders;
using Platform.Payments;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets.Issuance;

namespace Platform.AntiScalping;

/// <summary>
/// The promoter's side: the review queue, approving (tickets issued now if the order is paid, or at payment) and
/// rejecting (a paid order is refunded in full through the ordinary refund path, which also returns its stock; an
/// unpaid one is cancelled, so it can no longer be paid and its hold's stock returns when the hold ends). Every
/// verdict and every policy change is audited.
/// </summary>
public sealed class ReviewService(
    PlatformDbContext db, TenantContext tenant, AuditLog audit, PaymentService payments, IEnumerable<IOrderStateObserver> observers,
    RiskSettingsStore settings, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string NotPendingCode = "review_not_pending";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector buyer = protection.CreateProtector("Platform.Orders.Buyer.v1");

    public async Task<RiskSettingsResponse> GetSettingsAsync(CancellationToken ct)
    {
        var row = await db.Set<RiskSettings>().AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null
            ? new RiskSettingsResponse(RiskSettingsDefaults.Action, RiskSettingsDefaults.Threshold, false, null)
            : new RiskSettingsResponse(row.Action, row.Threshold, row.BlockDisposableEmail, row.UpdatedAt, row.ChallengeThreshold);
    }

    public async Task<RiskSettingsResponse> PutSettingsAsync(RiskSettingsRequest request, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var row = await db.Set<RiskSettings>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new RiskSettings { TenantId = tenantId, Action = RiskSettingsDefaults.Action, Threshold = RiskSettingsDefaults.Threshold };
            db.Add(row);
        }

        var changes = new ChangeSet();
        changes.Set("action", row.Action, request.Action!, v => row.Action = v);
        changes.Set("threshold", row.Threshold, request.Threshold!.Value, v => row.Threshold = v);
        changes.Set("blockDisposableEmail", row.BlockDisposableEmail, request.BlockDisposableEmail ?? false, v => row.BlockDisposableEmail = v);
        // PUT replaces: a null challenge threshold switches the level off (ChangeSet skips nulls, so this one is by hand).
        var audited = new Dictionary<string, FieldChange>(changes.Changes);
        if (row.ChallengeThreshold != request.ChallengeThreshold)
        {
            audited["challengeThreshold"] = new FieldChange(row.ChallengeThreshold, request.ChallengeThreshold);
            row.ChallengeThreshold = request.ChallengeThreshold;
        }

        row.UpdatedAt = clock.GetUtcNow();
        audit.Record("anti_scalping.settings_changed", "risk_settings", tenantId.ToString(), audited);
        await db.SaveChangesAsync(ct);
        settings.Forget(tenantId);
        return new RiskSettingsResponse(row.Action, row.Threshold, row.BlockDisposableEmail, row.UpdatedAt, row.ChallengeThreshold);
    }

    /// <summary>
    /// Newest first; <paramref name="status"/>: pending, approved, rejected, flagged (scored at or above the threshold
    /// without review) or challenged (the buyer passed an e-mail code).
    /// </summary>
    public async Task<CursorPage<OrderReviewResponse>> ListAsync(string status, int take, Guid? after, CancellationToken ct)
    {
        var query = db.Set<OrderRisk>().AsNoTracking().Where(r => r.Decision != RiskDecisions.Allow);
        query = status switch
        {
            "flagged" => query.Where(r => r.Decision == RiskDecisions.Flag),
            "challenged" => query.Where(r => r.Decision == RiskDecisions.Challenge),
            _ => query.Where(r => r.Review == status),
        };
        if (after is { } last)
        {
            query = query.Where(r => r.OrderId.CompareTo(last) < 0);
        }

        var rows = await query.OrderByDescending(r => r.OrderId).Take(take + 1)
            .Join(db.Set<Order>(), r => r.OrderId, o => o.Id, (r, o) => new { Risk = r, o.State, o.Currency, o.Total, o.BuyerEmailProtected })
            .OrderByDescending(x => x.Risk.OrderId).ToListAsync(ct);
        var page = rows.Take(take).Select(x => ToResponse(x.Risk, x.State, x.Currency, x.Total, x.BuyerEmailProtected)).ToList();
        return new CursorPage<OrderReviewResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].OrderId) : null);
    }

    public async Task<OrderReviewResponse?> ApproveAsync(Guid orderId, string? note, string? reviewer, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await payments.LockOrderAsync(orderId, ct);
        if (await PendingAsync(orderId, ct) is not { } found)
        {
            return null;
        }

        var (risk, order) = found;
        Decide(risk, ReviewStates.Approved, note, reviewer, "anti_scalping.order_approved");
        await db.SaveChangesAsync(ct);
        // Paid while waiting: issue now, in this transaction (the gate reads the approval just saved). Unpaid: the
        // ordinary payment issues them.
        if (order.State == OrderState.Paid)
        {
            var lines = await db.Set<OrderLine>().Where(l => l.OrderId == orderId).OrderBy(l => l.Id).ToListAsync(ct);
            await observers.OfType<TicketIssuer>().Single().PaidAsync(order, lines, ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return ToResponse(risk, order.State, order.Currency, order.Total, order.BuyerEmailProtected);
    }

    public async Task<OrderReviewResponse?> RejectAsync(Guid orderId, string? note, string? reviewer, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(note) ? "Rejected in anti-scalping review." : "Rejected in anti-scalping review: " + note.Trim();
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is { State: OrderState.Paid or OrderState.PartiallyRefunded }
            && await db.Set<OrderRisk>().AnyAsync(r => r.OrderId == orderId && r.Review == ReviewStates.Pending, ct))
        {
            // The refund path takes the order row lock, pays the money back and returns the stock in its own
            // transaction; the verdict follows. A retry after a failure between the two finds the order refunded and
            // only records the verdict.
            await payments.RefundAsync(order, new RefundRequest(null, reason), reviewer, ct);
        }

        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await payments.LockOrderAsync(orderId, ct);
        if (await PendingAsync(orderId, ct) is not { } found)
        {
            return null;
        }

        var (risk, current) = found;
        if (current.State == OrderState.PendingPayment)
        {
            // Not paid: it can no longer be (payment moves only pending_payment orders); its hold's stock returns at expiry.
            current.State = OrderState.Cancelled;
        }
        else if (current.State is OrderState.Paid or OrderState.PartiallyRefunded)
        {
            // Paid after the refund above looked (a payment raced the verdict): refuse rather than keep the money.
            throw new ConflictException("concurrent_change", "The order was paid while being rejected; reject it again.");
        }

        Decide(risk, ReviewStates.Rejected, note, reviewer, "anti_scalping.order_rejected");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ToResponse(risk, current.State, current.Currency, current.Total, current.BuyerEmailProtected);
    }

    /// <summary>The order and its risk record; null when unknown here; 409 when it is not waiting for review.</summary>
    private async Task<(OrderRisk Risk, Order Order)?> PendingAsync(Guid orderId, CancellationToken ct)
    {
        var risk = await db.Set<OrderRisk>().FirstOrDefaultAsync(r => r.OrderId == orderId, ct);
        var order = risk is null ? null : await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (risk is null || order is null)
        {
            return null;
        }

        if (risk.Review != ReviewStates.Pending)
        {
            throw new ConflictException(NotPendingCode, $"The order is not waiting for review (review: {risk.Review}).");
        }

        return (risk, order);
    }

    private void Decide(OrderRisk risk, string verdict, string? note, string? reviewer, string action)
    {
        risk.Review = verdict;
        risk.ReviewedBy = reviewer;
        risk.ReviewedAt = clock.GetUtcNow();
        risk.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        audit.Record(action, "order", risk.OrderId.ToString(), new Dictionary<string, FieldChange>
        {
            ["review"] = new(ReviewStates.Pending, verdict), ["score"] = new(null, risk.Score), ["reasons"] = new(null, string.Join(',', risk.Reasons)),
        });
    }

    private OrderReviewResponse ToResponse(OrderRisk r, OrderState state, string currency, long total, string emailProtected) =>
        new(r.OrderId, r.EventId, r.CreatedAt, r.Score, r.Decision, r.Reasons, JsonSerializer.Deserialize<RiskFeatures>(r.Features, Json)!, r.Review,
            r.ReviewedBy, r.ReviewedAt, r.ReviewNote, state, currency, total, buyer.Unprotect(emailProtected), r.ChallengePassedAt);
}
