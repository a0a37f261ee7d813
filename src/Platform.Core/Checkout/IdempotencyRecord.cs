using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Npgsql;
using NpgsqlTypes;
using Platform.Holds;
using Platform.Http;
using Platform.Persistence;
using static Platform.Holds.CheckoutSql;

namespace Platform.Checkout;

/// <summary>
/// The Idempotency-Key this request has claimed, and the way its work writes the answer into the key's row inside
/// the work's own transaction (ADR 0019). The endpoint says how an outcome becomes its response
/// (<see cref="RespondWith{T}"/>); the service, right before its COMMIT, asks for the statement that stores that
/// response (<see cref="PrepareAsync{T}"/> for a one-round-trip batch, <see cref="CompleteInAsync{T}"/> inside an
/// explicit transaction). Work and answer therefore commit together or not at all: a crash after COMMIT leaves a
/// replayable answer, a crash before it leaves no work. The statement only matches while this request still owns
/// the claim, so a request whose claim a retry took over (after its lease) aborts instead of doing the work twice.
/// Outside an idempotent request every call here is a no-op.
/// </summary>
public sealed class IdempotencyRecord(IDataProtectionProvider protection, IIdempotencyFaults faults)
{
    /// <summary>checkout_require's code when the claim is no longer this request's.</summary>
    public const string ClaimLost = "idempotency_claim_lost";

    private readonly IDataProtector protector = protection.CreateProtector("Platform.Checkout.IdempotentResponse.v1");
    private readonly Dictionary<Type, Func<object, ValueTask<IResult>>> responders = [];

    internal IdempotencyClaim? Claim { get; set; }

    /// <summary>A claim riding on the request's first read (<see cref="DeferClaim"/>) that the request has not settled yet.</summary>
    private DeferredClaim? deferred;

    /// <summary>
    /// Claims the key in the same round trip as the request's first read (issue #20) instead of a statement of its own:
    /// queued in front of the context's next query outside a transaction (<see cref="PlatformDbContext.SendWithNextRead"/>),
    /// it commits with that query's implicit transaction, so it is still committed before any work starts. Only for an
    /// endpoint that reads first and calls <see cref="EnsureClaimedAsync"/> before it writes anything
    /// (<see cref="ClaimsWithFirstReadMetadata"/>); the filter settles what the endpoint left unsettled.
    /// </summary>
    internal void DeferClaim(PlatformDbContext db, IdempotencyClaim claim, string hash, DateTimeOffset now, DateTimeOffset lease)
    {
        var pending = new DeferredClaim(db, claim, hash, now, lease);
        var (sql, parameters) = IdempotencyClaimStatement.For(claim, hash, now, lease);
        db.SendWithNextRead(sql, parameters, claimed => pending.Claimed = claimed);
        deferred = pending;
    }

    /// <summary>
    /// Call after the first read and before any write of an endpoint marked <see cref="ClaimsWithFirstReadMetadata"/>:
    /// returns when this request owns its Idempotency-Key (or has none); throws when another request owns it, and the
    /// filter answers with that request's answer (or 409 while it runs), exactly as if the claim had been refused up front.
    /// </summary>
    public async Task EnsureClaimedAsync(CancellationToken ct)
    {
        if (!await SettleClaimAsync(ct))
        {
            throw new ClaimRefusedException();
        }
    }

    /// <summary>
    /// Settles a deferred claim: its answer from the read that carried it, or — when no read carried it (the endpoint
    /// answered before reading, or that read failed and rolled the claim back) — by sending it now. True when this
    /// request owns the key or had no deferred claim.
    /// </summary>
    internal async Task<bool> SettleClaimAsync(CancellationToken ct)
    {
        if (deferred is not { } pending)
        {
            return true;
        }

        if (pending.Claimed is not { } claimed)
        {
            pending.Db.TakeWithNextRead();
            claimed = await IdempotencyFilter.ClaimAsync(pending.Db, pending.Claim, pending.Hash, pending.Now, pending.Lease, ct);
        }

        deferred = null;
        if (!claimed)
        {
            return false;
        }

        Claim = pending.Claim;
        faults.At(IIdempotencyFaults.Claimed, pending.Claim.Http);
        return true;
    }

    /// <summary>The response last written into a work transaction; it is the committed one if the request succeeds.</summary>
    internal StoredResponse? Prepared { get; private set; }

    /// <summary>How the endpoint answers an outcome of type <typeparamref name="T"/> (called before the service runs).</summary>
    public void RespondWith<T>(Func<T, IResult> respond) where T : notnull => responders[typeof(T)] = o => ValueTask.FromResult(respond((T)o));

    /// <summary>As <see cref="RespondWith{T}(Func{T, IResult})"/> for an answer that reads (inside the work's transaction).</summary>
    public void RespondWith<T>(Func<T, Task<IResult>> respond) where T : notnull => responders[typeof(T)] = async o => await respond((T)o);

    /// <summary>
    /// The statement that stores the response to <paramref name="outcome"/> in the key's row, failing through
    /// <c>checkout_require</c> when the claim is no longer ours; null when this request has no claim or no responder.
    /// </summary>
    internal async ValueTask<(string Sql, NpgsqlParameter[] Parameters)?> PrepareAsync<T>(T outcome) where T : notnull
    {
        if (Claim is not { } claim || !responders.TryGetValue(typeof(T), out var respond))
        {
            return null;
        }

        faults.At(IIdempotencyFaults.Completing, claim.Http);
        var rendered = await RenderAsync(claim.Http, await respond(outcome));
        Prepared = rendered;
        return ($"""
            WITH c AS (
                UPDATE idempotency_keys SET status_code = @status, content_type = @type, location = @location, response_body = @body, lease_until = NULL
                WHERE tenant_id = @t AND scope = @s AND key = @k AND claim_id = @claim
                RETURNING 1)
            SELECT checkout_require(EXISTS (SELECT 1 FROM c), '{ClaimLost}')
            """,
            [P("t", claim.TenantId), P("s", claim.Scope), P("k", claim.Key), P("claim", claim.ClaimId), P("status", rendered.Status),
                Text("type", rendered.ContentType), Text("location", rendered.Location),
                new NpgsqlParameter("body", NpgsqlDbType.Bytea) { Value = Protect(rendered.Body) }]);
    }

    /// <summary>Stores the response inside the caller's open transaction (one round trip); a lost claim aborts it with 409.</summary>
    internal async Task CompleteInAsync<T>(CheckoutSql sql, T outcome, CancellationToken ct) where T : notnull
    {
        if (await PrepareAsync(outcome) is not { } statement)
        {
            return;
        }

        try
        {
            await sql.ExecuteAsync(statement.Sql, ct, statement.Parameters);
        }
        catch (PostgresException ex) when (ex.SqlState == CheckoutRequire.SqlState && ex.MessageText == ClaimLost)
        {
            throw LostClaim();
        }
    }

    internal static ConflictException LostClaim() =>
        new("idempotency_in_flight", "Another request with this Idempotency-Key took over after this one stalled; its result is the one that counts.");

    internal byte[] Protect(byte[] body) => protector.Protect(body);

    internal byte[] Unprotect(byte[] body) => protector.Unprotect(body);

    /// <summary>Runs a result against a scratch context to get the exact status, headers and bytes the client will get.</summary>
    internal static async Task<StoredResponse> RenderAsync(HttpContext http, IResult result)
    {
        var scratch = new DefaultHttpContext { RequestServices = http.RequestServices };
        using var body = new MemoryStream();
        scratch.Response.Body = body;
        await result.ExecuteAsync(scratch);
        return new StoredResponse(scratch.Response.StatusCode, scratch.Response.ContentType, scratch.Response.Headers.Location.ToString(), body.ToArray());
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = string.IsNullOrEmpty(value) ? DBNull.Value : value };
}

internal sealed record IdempotencyClaim(Guid TenantId, string Scope, string Key, Guid ClaimId, HttpContext Http);

internal sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>A claim queued in front of the request's first read, and what that read's batch answered (null until then).</summary>
internal sealed class DeferredClaim(PlatformDbContext db, IdempotencyClaim claim, string hash, DateTimeOffset now, DateTimeOffset lease)
{
    public PlatformDbContext Db { get; } = db;

    public IdempotencyClaim Claim { get; } = claim;

    public string Hash { get; } = hash;

    public DateTimeOffset Now { get; } = now;

    public DateTimeOffset Lease { get; } = lease;

    public bool? Claimed { get; set; }
}

/// <summary>Another request owns this request's Idempotency-Key (<see cref="IdempotencyRecord.EnsureClaimedAsync"/>); the filter answers.</summary>
internal sealed class ClaimRefusedException() : Exception("The Idempotency-Key is held by another request.");

/// <summary>
/// Marks an idempotent endpoint whose key is claimed with its first read (<see cref="IdempotencyRecord.DeferClaim"/>):
/// it promises to read before it writes and to call <see cref="IdempotencyRecord.EnsureClaimedAsync"/> in between.
/// </summary>
public sealed class ClaimsWithFirstReadMetadata
{
    public static readonly ClaimsWithFirstReadMetadata Instance = new();
}
