using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <summary>
    /// The PostgreSQL limit store (ADR 0070, <c>PostgresLimitStore</c>): rate-limit buckets and checkout admission leases
    /// shared by several nodes without Redis. Not in the EF model: no entity reads them, only these two functions and a
    /// sweep. UNLOGGED: counters of the last seconds, not data — after a crash they start empty, as a restarted Redis does,
    /// and they write no WAL on the path every API call takes. No tenant_id: buckets are keyed by caller (client, user,
    /// IP) and admission is the cluster's, so they are platform tables without row-level security.
    /// </summary>
    [DbContext(typeof(PlatformDbContext))]
    [Migration("20261206121000_SharedLimitTables")]
    public partial class SharedLimitTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE shared_rate_buckets (
                    key text PRIMARY KEY,
                    tokens double precision NOT NULL,
                    at timestamptz NOT NULL);

                CREATE UNLOGGED TABLE shared_admission_leases (
                    lease uuid PRIMARY KEY,
                    expires_at timestamptz NOT NULL);

                -- One decision: the bucket row is created full on first use, locked, refilled by the time since its last
                -- use (the database's clock, so nodes' clocks do not matter) and spent if it holds enough.
                CREATE FUNCTION shared_rate_take(p_key text, p_capacity double precision, p_per_ms double precision, p_wanted int,
                    OUT acquired boolean, OUT remaining bigint, OUT wait_ms bigint)
                LANGUAGE plpgsql AS $$
                DECLARE
                    t double precision;
                    last timestamptz;
                    now_at timestamptz;
                BEGIN
                    INSERT INTO shared_rate_buckets (key, tokens, at) VALUES (p_key, p_capacity, clock_timestamp())
                    ON CONFLICT (key) DO NOTHING;
                    SELECT b.tokens, b.at INTO t, last FROM shared_rate_buckets b WHERE b.key = p_key FOR UPDATE;
                    now_at := greatest(clock_timestamp(), last);
                    t := least(p_capacity, t + extract(epoch FROM now_at - last) * 1000 * p_per_ms);
                    IF t >= p_wanted THEN
                        t := t - p_wanted;
                        acquired := true;
                        wait_ms := 0;
                    ELSE
                        acquired := false;
                        wait_ms := ceil((p_wanted - t) / p_per_ms);
                    END IF;
                    UPDATE shared_rate_buckets SET tokens = t, at = now_at WHERE key = p_key;
                    remaining := floor(t);
                END $$;

                -- One admission: serialised by a transaction-scoped advisory lock (the count and the insert must see each
                -- other across nodes; the lock is held for the length of this call only). Expired leases go first, so a
                -- node killed mid-request gives its slots back within the lifetime.
                CREATE FUNCTION shared_admission_enter(p_lease uuid, p_entry boolean, p_cap int, p_lifetime_ms int)
                RETURNS boolean
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtext('platform.shared_admission'));
                    DELETE FROM shared_admission_leases WHERE expires_at < clock_timestamp();
                    IF p_entry AND (SELECT count(*) FROM shared_admission_leases) >= p_cap THEN
                        RETURN false;
                    END IF;
                    INSERT INTO shared_admission_leases (lease, expires_at)
                    VALUES (p_lease, clock_timestamp() + p_lifetime_ms * interval '1 millisecond');
                    RETURN true;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION shared_admission_enter(uuid, boolean, int, int);
                DROP FUNCTION shared_rate_take(text, double precision, double precision, int);
                DROP TABLE shared_admission_leases;
                DROP TABLE shared_rate_buckets;
                """);
        }
    }
}
