namespace Platform.Persistence;

/// <summary>
/// PostgreSQL's timestamptz keeps microseconds, .NET ticks are 100 ns. A time written to the database and also
/// returned from memory (a response built without reading the row back, a hash over stored fields) must be
/// truncated first, or the two differ in the last digit.
/// </summary>
public static class PostgresTime
{
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>The clock's now, as PostgreSQL will store it.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Truncate(clock.GetUtcNow());
    }
}
