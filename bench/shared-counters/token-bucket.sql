-- One rate-limit decision as a PostgreSQL fallback would make it (ADR 0061): refill the caller's bucket by the time
-- since its last use and take a token, in one upsert. KEYS random over :keys callers (1 = one hot caller).
\set k random(1, :keys)
INSERT INTO buckets (key, tokens, at) VALUES (:k, 59, clock_timestamp())
ON CONFLICT (key) DO UPDATE
  SET tokens = least(60, buckets.tokens + extract(epoch FROM clock_timestamp() - buckets.at)) - 1, at = clock_timestamp()
RETURNING tokens >= 0;
