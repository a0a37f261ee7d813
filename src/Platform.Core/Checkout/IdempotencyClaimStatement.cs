using Npgsql;
using static Platform.Holds.CheckoutSql;

namespace Platform.Checkout;

/// <summary>
/// The one statement that claims an Idempotency-Key (ADR 0024): it inserts the key, or takes over one older than 24 h
/// or an unanswered claim of the same request whose lease ran out, and returns a row exactly when this request now
/// owns the key. Re-sending it for the same claim also returns the row (its claim id matches), so a claim whose first
/// sending had an unknown outcome can be sent again safely. Run alone (<see cref="IdempotencyFilter"/>) or riding in
/// front of the request's first read (<see cref="IdempotencyRecord.DeferClaim"/>); either way in an implicit
/// transaction of its own that commits before the work begins.
/// </summary>
internal static class IdempotencyClaimStatement
{
    public static (string Sql, NpgsqlParameter[] Parameters) For(IdempotencyClaim claim, string hash, DateTimeOffset now, DateTimeOffset lease) =>
        ("""
            INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash, created_at, claim_id, lease_until)
            VALUES (@idem_t, @idem_s, @idem_k, @idem_h, @idem_now, @idem_claim, @idem_lease)
            ON CONFLICT (tenant_id, scope, key) DO UPDATE
                SET request_hash = excluded.request_hash, created_at = excluded.created_at, claim_id = excluded.claim_id,
                    lease_until = excluded.lease_until, status_code = NULL, content_type = NULL, location = NULL, response_body = NULL
                WHERE idempotency_keys.created_at < @idem_cutoff
                   OR (idempotency_keys.status_code IS NULL AND idempotency_keys.lease_until < @idem_now
                       AND idempotency_keys.request_hash = excluded.request_hash)
                   OR (idempotency_keys.claim_id = excluded.claim_id AND idempotency_keys.status_code IS NULL)
            RETURNING 1
            """,
            [P("idem_t", claim.TenantId), P("idem_s", claim.Scope), P("idem_k", claim.Key), P("idem_h", hash), P("idem_now", now),
                P("idem_claim", claim.ClaimId), P("idem_lease", lease), P("idem_cutoff", now - IdempotencyFilter.Lifetime)]);
}
