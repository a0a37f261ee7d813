using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Pricing.Vouchers;

/// <summary>Creates, replaces, deletes and redeems a tenant's vouchers; every change is audited in the same commit.</summary>
public sealed class VoucherStore(PlatformDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock)
{
    /// <summary>Letters and digits that cannot be confused when read aloud or typed (no 0/O, 1/I/L).</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public Task<Voucher?> FindAsync(Guid id, CancellationToken ct) => db.Set<Voucher>().FirstOrDefaultAsync(v => v.Id == id, ct);

    public Task<Voucher?> FindByCodeAsync(string code, CancellationToken ct)
    {
        var normalized = Voucher.Normalize(code);
        return db.Set<Voucher>().AsNoTracking().FirstOrDefaultAsync(v => v.NormalizedCode == normalized, ct);
    }

    public Task<int> TimesUsedAsync(Guid id, CancellationToken ct) => db.Set<VoucherRedemption>().CountAsync(r => r.VoucherId == id, ct);

    public async Task<Voucher> CreateAsync(VoucherRequest request, CancellationToken ct)
    {
        await RequireCurrencyAsync(request.ValueType, request.Currency, ct);
        var now = clock.GetUtcNow();
        var voucher = new Voucher { Code = "", NormalizedCode = "", CreatedAt = now, UpdatedAt = now };
        Apply(voucher, request);
        db.Add(voucher);
        audit.Record("voucher.created", "voucher", voucher.Id.ToString(), PricingAudit.Created(Snapshot(voucher)));
        await SaveAsync(ct);
        return voucher;
    }

    public async Task<IReadOnlyList<Voucher>> CreateBulkAsync(BulkVoucherRequest request, CancellationToken ct)
    {
        await RequireCurrencyAsync(request.ValueType, request.Currency, ct);
        var now = clock.GetUtcNow();
        var prefix = (request.Prefix ?? "").ToUpperInvariant();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < request.Count!.Value)
        {
            codes.Add(prefix + RandomNumberGenerator.GetString(CodeAlphabet, 10));
        }

        var vouchers = codes.Select(code =>
        {
            var v = new Voucher { Code = "", NormalizedCode = "", CreatedAt = now, UpdatedAt = now };
            Apply(v, new VoucherRequest(code, request.Description, true, request.ValueType, request.BasisPoints, request.Amount,
                request.Currency, request.ValidFrom, request.ValidUntil, 1, null, request.EventIds, request.TicketTypeIds));
            return v;
        }).ToList();
        db.AddRange(vouchers);
        foreach (var v in vouchers)
        {
            audit.Record("voucher.created", "voucher", v.Id.ToString(), PricingAudit.Created(Snapshot(v)));
        }

        await SaveAsync(ct);
        return vouchers;
    }

    public async Task<Voucher> ReplaceAsync(Voucher voucher, VoucherRequest request, uint? expectedVersion, CancellationToken ct)
    {
        PricingAudit.CheckVersion(voucher.Version, expectedVersion, "voucher");
        await RequireCurrencyAsync(request.ValueType, request.Currency, ct);
        var before = Snapshot(voucher);
        Apply(voucher, request);
        var changes = PricingAudit.Diff(before, Snapshot(voucher));
        if (changes.Count > 0)
        {
            voucher.UpdatedAt = clock.GetUtcNow();
            audit.Record("voucher.updated", "voucher", voucher.Id.ToString(), changes);
            await SaveAsync(ct);
        }

        return voucher;
    }

    /// <summary>Deletes an unused voucher; a redeemed one is kept for the orders that used it (deactivate it instead).</summary>
    public async Task DeleteAsync(Voucher voucher, CancellationToken ct)
    {
        if (await TimesUsedAsync(voucher.Id, ct) > 0)
        {
            throw new ConflictException("voucher_redeemed", "The voucher has been redeemed; set active to false instead of deleting it.");
        }

        db.Remove(voucher);
        audit.Record("voucher.deleted", "voucher", voucher.Id.ToString(),
            PricingAudit.Diff(Snapshot(voucher), Snapshot(voucher).ToDictionary(p => p.Key, _ => (object?)null)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records one use of a voucher by an order, enforcing its limits under a row lock so concurrent orders cannot
    /// overshoot them. Called by order placement inside its own unit of work.
    /// </summary>
    public async Task<VoucherRedemption> RedeemAsync(Guid voucherId, string? buyerEmail, Guid? orderId, CancellationToken ct)
    {
        var ownsTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        var tenantId = tenant.RequiredTenantId;
        await db.Database.ExecuteSqlAsync($"SELECT id FROM vouchers WHERE tenant_id = {tenantId} AND id = {voucherId} FOR UPDATE", ct);
        var voucher = await db.Set<Voucher>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voucherId, ct)
                      ?? throw new NotFoundException("voucher");
        var email = VoucherRedemption.NormalizeEmail(buyerEmail);
        var used = await TimesUsedAsync(voucherId, ct);
        if (voucher.MaxUses is { } max && used >= max)
        {
            throw new ConflictException("promo_exhausted", $"The code {voucher.Code} has been used the maximum {max} times.");
        }

        if (voucher.MaxUsesPerBuyer is { } perBuyer &&
            (email is null || await db.Set<VoucherRedemption>().CountAsync(r => r.VoucherId == voucherId && r.BuyerEmail == email, ct) >= perBuyer))
        {
            throw new ConflictException("promo_buyer_limit_reached", $"This buyer cannot use the code {voucher.Code} again.");
        }

        var redemption = new VoucherRedemption { VoucherId = voucherId, BuyerEmail = email, OrderId = orderId, RedeemedAt = clock.GetUtcNow() };
        db.Add(redemption);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return redemption;
    }

    private Task RequireCurrencyAsync(AdjustmentType? type, string? currency, CancellationToken ct) =>
        PricingAudit.RequireTenantCurrencyAsync(db, tenant, type == AdjustmentType.Fixed ? currency : null, "currency", ct);

    private static void Apply(Voucher v, VoucherRequest r)
    {
        v.Code = r.Code!.Trim();
        v.NormalizedCode = Voucher.Normalize(r.Code);
        v.Description = r.Description?.Trim();
        v.Active = r.Active ?? true;
        v.ValueType = r.ValueType!.Value;
        v.BasisPoints = v.ValueType == AdjustmentType.Percentage ? (int)r.BasisPoints!.Value : 0;
        v.Amount = v.ValueType == AdjustmentType.Fixed ? (long)r.Amount!.Value : 0;
        v.Currency = v.ValueType == AdjustmentType.Fixed ? r.Currency : null;
        v.ValidFrom = r.ValidFrom?.ToUniversalTime();
        v.ValidUntil = r.ValidUntil?.ToUniversalTime();
        v.MaxUses = r.MaxUses;
        v.MaxUsesPerBuyer = r.MaxUsesPerBuyer;
        v.EventIds = [.. (r.EventIds ?? []).Distinct()];
        v.TicketTypeIds = [.. (r.TicketTypeIds ?? []).Distinct()];
    }

    private static Dictionary<string, object?> Snapshot(Voucher v) => new()
    {
        ["code"] = v.Code, ["description"] = v.Description, ["active"] = v.Active, ["valueType"] = PricingNames.Of(v.ValueType),
        ["basisPoints"] = v.BasisPoints, ["amount"] = v.Amount, ["currency"] = v.Currency,
        ["validFrom"] = v.ValidFrom, ["validUntil"] = v.ValidUntil, ["maxUses"] = v.MaxUses, ["maxUsesPerBuyer"] = v.MaxUsesPerBuyer,
        ["eventIds"] = v.EventIds.ToList(), ["ticketTypeIds"] = v.TicketTypeIds.ToList(),
    };

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("code_taken", "Another voucher of this tenant already uses this code (codes ignore case).");
        }
    }
}
