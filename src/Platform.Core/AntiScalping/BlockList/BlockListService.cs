using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.AntiScalping.BlockList;

/// <summary>Staff's side of the block list: list, add (409 <c>duplicate</c> for a value already there), remove; audited.</summary>
public sealed class BlockListService(PlatformDbContext db, TenantContext tenant, AuditLog audit, BlockListStore store, TimeProvider clock)
{
    public async Task<CursorPage<RiskBlockResponse>> ListAsync(int take, Guid? after, CancellationToken ct)
    {
        var query = db.Set<RiskBlock>().AsNoTracking();
        if (after is { } last)
        {
            query = query.Where(b => b.Id.CompareTo(last) < 0);
        }

        var rows = await query.OrderByDescending(b => b.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).Select(ToResponse).ToList();
        return new CursorPage<RiskBlockResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Id) : null);
    }

    public async Task<RiskBlockResponse> AddAsync(RiskBlockRequest request, string? createdBy, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var block = new RiskBlock
        {
            TenantId = tenantId, Kind = request.Kind!, Value = BlockValues.Normalize(request.Kind!, request.Value)!,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), CreatedBy = createdBy, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(block);
        audit.Record("anti_scalping.block_added", "risk_block", block.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["kind"] = new(null, block.Kind), ["value"] = new(null, block.Value), ["note"] = new(null, block.Note),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("duplicate", $"{block.Value} is already on the block list.");
        }

        store.Forget(tenantId);
        return ToResponse(block);
    }

    /// <summary>False when there is no such entry here (another tenant's entry is invisible: RLS).</summary>
    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct)
    {
        var block = await db.Set<RiskBlock>().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (block is null)
        {
            return false;
        }

        db.Remove(block);
        audit.Record("anti_scalping.block_removed", "risk_block", block.Id.ToString(), new Dictionary<string, FieldChange>
        {
            ["kind"] = new(block.Kind, null), ["value"] = new(block.Value, null),
        });
        await db.SaveChangesAsync(ct);
        store.Forget(tenant.RequiredTenantId);
        return true;
    }

    private static RiskBlockResponse ToResponse(RiskBlock b) => new(b.Id, b.Kind, b.Value, b.Note, b.CreatedBy, b.CreatedAt);
}
