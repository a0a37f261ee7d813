using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Identity.Memberships;

/// <summary>
/// Changes who belongs to the current tenant. The "at least one Owner" rule holds under concurrency: every change
/// that could remove an Owner first locks the tenant's Owner rows (SELECT ... FOR UPDATE), so two requests demoting
/// or removing the last two Owners run one after the other and the second sees only one Owner left.
/// </summary>
internal sealed class MembershipService(PlatformDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock)
{
    public async Task<TenantMembership> ChangeRoleAsync(Guid userId, string role, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owners = await LockOwnersAsync(transaction, ct);
        var member = await db.Set<TenantMembership>().FirstOrDefaultAsync(m => m.UserId == userId, ct)
                     ?? throw new NotFoundException("member");
        if (member.Role == role)
        {
            return member;
        }

        if (member.Role == PlatformRoles.Owner && owners <= 1)
        {
            throw new ConflictException("last_owner", "The tenant's last Owner cannot be given another role; make someone else Owner first.");
        }

        var changes = new ChangeSet();
        changes.Set("role", member.Role, role, v => member.Role = v);
        member.UpdatedAt = clock.GetUtcNow();
        audit.Record("member.role_changed", "member", userId.ToString(), changes.Changes);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return member;
    }

    public async Task RemoveAsync(Guid userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owners = await LockOwnersAsync(transaction, ct);
        var member = await db.Set<TenantMembership>().FirstOrDefaultAsync(m => m.UserId == userId, ct)
                     ?? throw new NotFoundException("member");
        if (member.Role == PlatformRoles.Owner && owners <= 1)
        {
            throw new ConflictException("last_owner", "The tenant's last Owner cannot be removed; make someone else Owner first.");
        }

        db.Remove(member);
        audit.Record("member.removed", "member", userId.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Locks the current tenant's Owner rows for this transaction and returns how many there are.</summary>
    private async Task<int> LockOwnersAsync(IDbContextTransaction transaction, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        // Raw SQL: it carries the transaction's tenant setting if it is the first statement (TenantSessionInterceptor).
        command.CommandText = db.TakeTenantSetting(command.Transaction) + $"""
            SELECT count(*) FROM (
                SELECT 1 FROM "{TenantMembershipConfiguration.Table}" WHERE tenant_id = @tenant AND role = @role FOR UPDATE
            ) AS owners
            """;
        AddParameter(command, "tenant", tenant.RequiredTenantId);
        AddParameter(command, "role", PlatformRoles.Owner);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
