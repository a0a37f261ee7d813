namespace Platform.Persistence;

/// <summary>
/// Column defaults the hand-written SQL batches rely on (the one-round-trip hold, the idempotency claim, ticket
/// issuance insert rows without naming these columns). EF's model leaves them without a database default, because
/// the app always sets them; the pre-release migrations had added them with one, and the baseline keeps that schema.
/// </summary>
internal static class RawSqlColumnDefaults
{
    public const string Up = """
        ALTER TABLE holds ALTER COLUMN quota_settled SET DEFAULT false;
        ALTER TABLE idempotency_keys ALTER COLUMN claim_id SET DEFAULT '00000000-0000-0000-0000-000000000000';
        ALTER TABLE order_lines ALTER COLUMN audience SET DEFAULT 'adult';
        ALTER TABLE tickets ALTER COLUMN audience SET DEFAULT 'adult';
        """;
}
