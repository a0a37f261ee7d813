using Microsoft.EntityFrameworkCore.Storage;
using Platform.Persistence;

namespace Platform.Venues;

/// <summary>
/// A transaction begun only when the caller has none: a request's own write commits here, while a sample load that
/// wraps several writes in one transaction keeps them all-or-nothing.
/// </summary>
internal sealed class OwnedTransaction(IDbContextTransaction? owned) : IAsyncDisposable
{
    public static async Task<OwnedTransaction> BeginAsync(PlatformDbContext db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
