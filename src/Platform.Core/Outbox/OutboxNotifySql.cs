namespace Platform.Outbox;

/// <summary>
/// Wakes the outbox dispatcher when an inserting transaction commits: NOTIFY is transactional, and repeated tenant ids
/// within one transaction are folded into one notification. Created by the baseline migration.
/// </summary>
internal static class OutboxNotifySql
{
    public const string Up = """
        CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('outbox', NEW.tenant_id::text);
            RETURN NULL;
        END $$;
        CREATE TRIGGER outbox_messages_notify AFTER INSERT ON outbox_messages
            FOR EACH ROW EXECUTE FUNCTION outbox_notify();
        """;

    public const string Down = "DROP TRIGGER IF EXISTS outbox_messages_notify ON outbox_messages; DROP FUNCTION IF EXISTS outbox_notify();";
}
