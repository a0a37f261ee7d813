namespace Platform.Tickets.Ledger;

/// <summary>
/// The database refuses to change or remove a sealed ledger entry, whoever asks through ordinary statements; sealing
/// only fills in rows that are still unsealed. (An owner can still disable the trigger: that is what the hash chain
/// is for — verification shows any change made that way.)
/// </summary>
internal static class LedgerGuardSql
{
    public const string Up = """
        CREATE FUNCTION ticket_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.seq IS NOT NULL THEN
                RAISE EXCEPTION 'ticket ledger entries are append-only (seq %)', OLD.seq USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER ticket_ledger_entries_append_only BEFORE UPDATE OR DELETE ON ticket_ledger_entries
            FOR EACH ROW EXECUTE FUNCTION ticket_ledger_guard();
        """;

    public const string Down = "DROP TRIGGER IF EXISTS ticket_ledger_entries_append_only ON ticket_ledger_entries; DROP FUNCTION IF EXISTS ticket_ledger_guard();";
}
