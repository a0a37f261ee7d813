namespace Platform.Holds;

/// <summary>
/// Columns checkout adds to the events capability's event_seats table, outside its EF model (only raw SQL reads and
/// writes them): which hold has a seat and until when, so a seat past held_until counts as available.
/// </summary>
internal static class EventSeatHoldColumns
{
    public const string Up = """
        ALTER TABLE event_seats ADD COLUMN hold_id uuid NULL, ADD COLUMN held_until timestamp with time zone NULL;
        CREATE INDEX ix_event_seats_tenant_id_hold_id ON event_seats (tenant_id, hold_id) WHERE hold_id IS NOT NULL;
        """;

    public const string Down = """
        DROP INDEX IF EXISTS ix_event_seats_tenant_id_hold_id;
        ALTER TABLE event_seats DROP COLUMN IF EXISTS hold_id, DROP COLUMN IF EXISTS held_until;
        """;
}
