namespace Platform.Outbox;

/// <summary>
/// The sweep's question, "which tenants have work on which lane?", answered in one round trip (ADR 0071). Before, every
/// sweep queued every active tenant on every lane, and each cost a dispatch read and the lane's recovery: at 10,000
/// tenants and the production interval of 30 s that was ~2,000 queries/s, and in the test run (2 s, ~1,500 tenants) the
/// sweep kept the lanes busy all the time and delayed the work that mattered.
/// <para>
/// Row-Level Security stays in force: the function runs as the schema owner, to whom FORCE ROW LEVEL SECURITY applies
/// as to anyone, and sets each tenant in turn, so every probe sees that tenant's rows only; it gives the caller's
/// setting back at the end (a function's SET clause would, but PostgreSQL 15 allows one on a custom setting only to a
/// superuser). A lane it has no probe for is reported for every tenant, as the old sweep did, so a new
/// lane is never starved of recovery; it only costs what it used to.
/// </para>
/// </summary>
internal static class OutboxSweepSql
{
    /// <summary>
    /// Created by the OutboxSweep migration. Probes, per lane, mirror what the lane's RecoverAsync picks up; a change here
    /// reaches existing databases only through a new migration (CREATE OR REPLACE).
    /// </summary>
    public const string FunctionUp = """
        CREATE FUNCTION outbox_sweep(p_lanes text[]) RETURNS TABLE (tenant_id uuid, lane text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE
            caller_tenant text := current_setting('app.tenant_id', true);
            t uuid;
        BEGIN
            FOR t IN SELECT id FROM tenants WHERE status = 'Active' ORDER BY id LOOP
                PERFORM set_config('app.tenant_id', t::text, true);
                -- one statement per tenant for all lanes: most tenants have nothing, and each statement costs more
                -- than the index probes in it
                RETURN QUERY
                    SELECT t, l.name FROM unnest(p_lanes) AS l (name)
                    LEFT JOIN outbox_lanes o ON o.tenant_id = t AND o.lane = l.name
                    WHERE EXISTS (
                        -- events past the position of the lane, held back or not (a lane without a position has read none)
                        SELECT 1 FROM outbox_messages m
                        WHERE m.tenant_id = t AND (m.tenant_id, m.tx, m.id) >
                            (t, COALESCE(o.position_tx, '0'::xid8), COALESCE(o.position_id, '00000000-0000-0000-0000-000000000000'::uuid)))
                    OR CASE l.name
                        -- QuotaSettlement: paid holds whose units are still counted as held
                        WHEN 'settlement' THEN EXISTS (
                            SELECT 1 FROM holds h WHERE h.tenant_id = t AND h.state = 'converted' AND NOT h.quota_settled)
                        -- WebhookFanOut: deliveries due now (a lost retry timer, a lease that ran out)
                        WHEN 'webhooks' THEN EXISTS (
                            SELECT 1 FROM webhook_deliveries d WHERE d.tenant_id = t AND d.status = 'Pending' AND d.next_attempt_at <= now())
                        -- TicketMailer: ledger entries not yet sealed into the chain
                        WHEN 'tickets' THEN EXISTS (
                            SELECT 1 FROM ticket_ledger_entries e WHERE e.tenant_id = t AND e.seq IS NULL)
                        ELSE true
                    END;
            END LOOP;
            PERFORM set_config('app.tenant_id', COALESCE(caller_tenant, ''), true);
        END $$;
        """;

    public const string FunctionDown = "DROP FUNCTION IF EXISTS outbox_sweep(text[]);";

    public const string Sweep = "SELECT tenant_id, lane FROM outbox_sweep(@lanes)";
}
