namespace Platform.Outbox;

/// <summary>
/// The timeout for <c>NpgsqlConnection.WaitAsync</c> between sweeps. Npgsql takes whole milliseconds, truncating a
/// <see cref="TimeSpan"/>, and reads 0 as "no timeout". Timers and socket timeouts end a little early (ADR 0005's
/// revision: by up to ~3 ms here), so the time left before the next sweep was often a fraction of a millisecond: the
/// listener then waited for the next notification, however long, and on a quiet database the sweep stopped (seen in
/// session 15: 25 s without a sweep until another test's commit woke it). Rounded up, it is never 0.
/// </summary>
internal static class ListenTimeout
{
    /// <summary>Whole milliseconds to wait, at least 1, or null when the sweep is due now.</summary>
    public static int? Milliseconds(TimeSpan untilSweep) =>
        untilSweep > TimeSpan.Zero ? (int)Math.Min(int.MaxValue, Math.Ceiling(untilSweep.TotalMilliseconds)) : null;
}
