using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Holds;
using Platform.Persistence;
using Platform.Tenancy;
using static Platform.Holds.CheckoutSql;

namespace Platform.Tickets.Ledger;

/// <summary>Entry kinds of the provenance ledger.</summary>
public static class LedgerKinds
{
    public const string Issued = "issued";
    public const string Transferred = "transferred";
    public const string Revoked = "revoked";
    public const string CheckedIn = "checked_in";
}

/// <summary>
/// The per-tenant, hash-chained, append-only provenance ledger of tickets. Appending only adds an unsealed row to
/// the caller's unit of work (no lock, no read: a hot on-sale never serializes on the chain); <see cref="SealAsync"/>
/// chains unsealed rows in batches under the tenant's head row lock (FOR UPDATE). The outbox handler seals after
/// every dispatched batch, the periodic sweep catches the rest, and readers seal before they read.
/// </summary>
public sealed class TicketLedger
{
    private const int SealBatch = 1000;
    private readonly PlatformDbContext db;
    private readonly TenantContext tenant;
    private readonly TimeProvider clock;

    internal TicketLedger(PlatformDbContext db, TenantContext tenant, TimeProvider clock)
    {
        this.db = db;
        this.tenant = tenant;
        this.clock = clock;
    }

    /// <summary>
    /// Appends an entry for <paramref name="ticketId"/> to the caller's unit of work (it commits with the caller's
    /// SaveChanges, or not at all). <paramref name="details"/> is a flat map stored as JSON; actor names who did it.
    /// </summary>
    public Task AppendAsync(Guid ticketId, string kind, IReadOnlyDictionary<string, string?>? details, string? actor, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Append(ticketId, kind, details, actor);
        return Task.CompletedTask;
    }

    internal void Append(Guid ticketId, string kind, IReadOnlyDictionary<string, string?>? details, string? actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        db.Add(new LedgerEntry
        {
            TenantId = tenant.RequiredTenantId, TicketId = ticketId, Kind = kind, Data = LedgerHash.Data(details), Actor = actor,
            OccurredAt = PostgresTime.Now(clock),
        });
    }

    /// <summary>Gives every unsealed entry of the tenant its seq, prev_hash and hash; returns how many were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var total = 0;
        // The common case on every sweep: nothing to seal, answered by the partial index without taking the head lock.
        if (!await db.Set<LedgerEntry>().AnyAsync(e => e.Seq == null, ct))
        {
            return 0;
        }

        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var sql = new CheckoutSql(db);
            await sql.ExecuteAsync("""
                INSERT INTO ticket_ledger_heads (tenant_id, seq, hash, updated_at) VALUES (@t, 0, @g, @now) ON CONFLICT (tenant_id) DO NOTHING
                """, ct, P("t", tenantId), P("g", LedgerHash.Genesis), P("now", clock.GetUtcNow()));
            var head = (await sql.QueryAsync("SELECT seq, hash FROM ticket_ledger_heads WHERE tenant_id = @t FOR UPDATE",
                r => (Seq: r.GetInt64(0), Hash: r.GetString(1)), ct, P("t", tenantId))).Single();
            var pending = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Seq == null).OrderBy(e => e.Id).Take(SealBatch).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return total;
            }

            var ids = new Guid[pending.Count];
            var seqs = new long[pending.Count];
            var prevs = new string[pending.Count];
            var hashes = new string[pending.Count];
            var (seq, prev) = head;
            for (var i = 0; i < pending.Count; i++)
            {
                seq++;
                ids[i] = pending[i].Id;
                seqs[i] = seq;
                prevs[i] = prev;
                hashes[i] = prev = LedgerHash.Compute(pending[i], seq, prev);
            }

            await sql.ExecuteAsync("""
                UPDATE ticket_ledger_entries e SET seq = u.seq, prev_hash = u.prev, hash = u.hash
                FROM unnest(@ids, @seqs, @prevs, @hashes) AS u(id, seq, prev, hash)
                WHERE e.tenant_id = @t AND e.id = u.id AND e.seq IS NULL
                """, ct, P("t", tenantId), P("ids", ids), new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = seqs },
                new NpgsqlParameter("prevs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = prevs },
                new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = hashes });
            await sql.ExecuteAsync("UPDATE ticket_ledger_heads SET seq = @s, hash = @h, updated_at = @now WHERE tenant_id = @t", ct,
                P("t", tenantId), new NpgsqlParameter("s", NpgsqlDbType.Bigint) { Value = seq }, P("h", prev), P("now", clock.GetUtcNow()));
            await transaction.CommitAsync(ct);
            total += pending.Count;
            if (pending.Count < SealBatch)
            {
                return total;
            }
        }
    }

    /// <summary>Walks the tenant's whole chain: contiguous seq from 1, each prev_hash the previous hash, each hash recomputed, the head matching the tail.</summary>
    internal async Task<LedgerVerification> VerifyAsync(CancellationToken ct)
    {
        var head = await db.Set<LedgerHead>().AsNoTracking().FirstOrDefaultAsync(ct);
        long expected = 1;
        var prev = LedgerHash.Genesis;
        var checkedCount = 0L;
        await foreach (var e in db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Seq != null).OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Seq != expected)
            {
                return new LedgerVerification(false, checkedCount, head?.Seq ?? 0, expected, "missing_entry");
            }

            if (e.PrevHash != prev)
            {
                return new LedgerVerification(false, checkedCount, head?.Seq ?? 0, e.Seq, "broken_link");
            }

            if (LedgerHash.Compute(e, e.Seq.Value, prev) != e.Hash)
            {
                return new LedgerVerification(false, checkedCount, head?.Seq ?? 0, e.Seq, "altered_entry");
            }

            prev = e.Hash;
            expected++;
            checkedCount++;
        }

        var headSeq = head?.Seq ?? 0;
        var headHash = head?.Hash ?? LedgerHash.Genesis;
        return headSeq != checkedCount || headHash != prev
            ? new LedgerVerification(false, checkedCount, headSeq, checkedCount + 1, "missing_entry")
            : new LedgerVerification(true, checkedCount, headSeq, null, null);
    }

    /// <summary>
    /// A ticket's entries with a local verification: each entry's hash recomputes, its prev_hash is the hash of seq − 1,
    /// and seq + 1 (or the head, for the tail) carries its hash. Cheap per ticket; the whole chain is /ledger/verify.
    /// </summary>
    internal async Task<(List<LedgerEntry> Entries, LedgerVerification Verification)> HistoryAsync(Guid ticketId, CancellationToken ct)
    {
        var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.TicketId == ticketId)
            .OrderBy(e => e.Seq == null).ThenBy(e => e.Seq).ThenBy(e => e.Id).ToListAsync(ct);
        var sealedSeqs = entries.Where(e => e.Seq != null).Select(e => e.Seq!.Value).ToList();
        var neighbourSeqs = sealedSeqs.SelectMany(s => new[] { s - 1, s + 1 }).Except(sealedSeqs).ToList();
        var neighbours = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Seq != null && neighbourSeqs.Contains(e.Seq.Value))
            .ToDictionaryAsync(e => e.Seq!.Value, ct);
        foreach (var e in entries.Where(e => e.Seq != null))
        {
            neighbours[e.Seq!.Value] = e;
        }

        var head = await db.Set<LedgerHead>().AsNoTracking().FirstOrDefaultAsync(ct);
        foreach (var e in entries.Where(e => e.Seq != null))
        {
            var seq = e.Seq!.Value;
            var expectedPrev = seq == 1 ? LedgerHash.Genesis : neighbours.TryGetValue(seq - 1, out var before) ? before.Hash : null;
            if (expectedPrev is null || e.PrevHash != expectedPrev)
            {
                return (entries, new LedgerVerification(false, sealedSeqs.Count, head?.Seq ?? 0, seq, expectedPrev is null ? "missing_entry" : "broken_link"));
            }

            if (LedgerHash.Compute(e, seq, e.PrevHash) != e.Hash)
            {
                return (entries, new LedgerVerification(false, sealedSeqs.Count, head?.Seq ?? 0, seq, "altered_entry"));
            }

            var linked = neighbours.TryGetValue(seq + 1, out var after)
                ? after.PrevHash == e.Hash
                : head is not null && head.Seq == seq && head.Hash == e.Hash;
            if (!linked)
            {
                return (entries, new LedgerVerification(false, sealedSeqs.Count, head?.Seq ?? 0, seq + 1, "missing_entry"));
            }
        }

        return (entries, new LedgerVerification(true, sealedSeqs.Count, head?.Seq ?? 0, null, null));
    }
}

/// <summary>The outcome of checking (part of) a chain. Problem: missing_entry, broken_link or altered_entry, at <see cref="FirstInvalidSeq"/>.</summary>
internal sealed record LedgerVerification(bool Valid, long CheckedEntries, long HeadSeq, long? FirstInvalidSeq, string? Problem);
