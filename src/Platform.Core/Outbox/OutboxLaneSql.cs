namespace Platform.Outbox;

/// <summary>
/// The SQL behind outbox lanes (ADR 0005). Every outbox row carries the id of the transaction that wrote it
/// (<c>tx xid8</c>, a column default, so writers change nothing). A lane's position is a (tx, id) pair; it reads rows
/// after its position whose tx is below the oldest transaction still running (<c>pg_snapshot_xmin</c>): every such
/// transaction has committed or aborted, so no row can later appear behind the position. That makes a per-lane cursor
/// safe although ids are assigned before commit, and costs the checkout nothing but the column.
/// </summary>
internal static class OutboxLaneSql
{
    public const string Table = "outbox_lanes";

    /// <summary>The schema; called from the baseline migration after outbox_messages is created.</summary>
    public const string Up = """
        ALTER TABLE outbox_messages ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
        CREATE INDEX ix_outbox_messages_lane_order ON outbox_messages (tenant_id, tx, id);
        CREATE TABLE outbox_lanes (
            tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
            lane varchar(40) NOT NULL,
            position_tx xid8 NOT NULL DEFAULT '0'::xid8,
            position_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (tenant_id, lane));
        """;

    public const string Down = """
        DROP TABLE IF EXISTS outbox_lanes;
        DROP INDEX IF EXISTS ix_outbox_messages_lane_order;
        ALTER TABLE outbox_messages DROP COLUMN IF EXISTS tx;
        """;

    /// <summary>Creates the lane's position on first use (a new lane starts at the oldest retained event).</summary>
    public const string EnsurePosition = $"""
        INSERT INTO {Table} (tenant_id, lane) VALUES (@t, @lane) ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Takes the lane for this tenant with a transaction-scoped advisory lock — not a row lock, which would give the
    /// transaction an id and so hold back the horizon of every lane while a slow consumer works; if another node holds
    /// the lane this returns nothing — and reads the next batch below the horizon.
    /// </summary>
    public const string NextBatch = $"""
        WITH position AS (
            SELECT position_tx, position_id FROM {Table}
            WHERE tenant_id = @t AND lane = @lane AND pg_try_advisory_xact_lock(hashtextextended(@lane || ':' || @t::text, 0)))
        SELECT m.id, m.type, m.payload::text, m.occurred_at, m.tx::text
        FROM position p
        CROSS JOIN LATERAL (
            SELECT id, type, payload, occurred_at, tx FROM outbox_messages
            WHERE tenant_id = @t AND (tenant_id, tx, id) > (@t, p.position_tx, p.position_id)
              AND tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY tenant_id, tx, id
            LIMIT @limit) m
        """;

    /// <summary>
    /// Sent just before <see cref="NextBatch"/>: the horizon, if some committed event of the tenant lies at or above it,
    /// held back by an older transaction still running, so no batch can include it yet (<see cref="HorizonWatch"/>).
    /// A statement sees only committed rows, and a position is always below any later horizon, so these rows lie after
    /// the position. Sent first: the row whose commit woke this read is visible here, and it is either at or above
    /// this horizon or below the next statement's, which is never lower.
    /// </summary>
    public const string HeldBack = """
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text
        WHERE EXISTS (SELECT 1 FROM outbox_messages WHERE tenant_id = @t AND tx >= pg_snapshot_xmin(pg_current_snapshot()))
        """;

    public const string Advance = $"""
        UPDATE {Table} SET position_tx = @tx::xid8, position_id = @id, updated_at = now() WHERE tenant_id = @t AND lane = @lane
        """;

    /// <summary>Dispatched events older than the cutoff that every lane has passed and no delivery still references.</summary>
    public const string Cleanup = $"""
        DELETE FROM outbox_messages m
        WHERE m.tenant_id = @t AND m.occurred_at < @cutoff
          AND NOT EXISTS (SELECT 1 FROM {Table} l WHERE l.tenant_id = m.tenant_id AND (l.position_tx, l.position_id) < (m.tx, m.id))
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.tenant_id = m.tenant_id AND d.event_id = m.id)
        """;
}
