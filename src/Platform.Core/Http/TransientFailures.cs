using System.Net.Sockets;
using Npgsql;

namespace Platform.Http;

/// <summary>
/// Whether a failure is the database being briefly out of reach (restarting, failing over, connections dropped, the
/// pool exhausted) rather than a bug: those answer 503 <c>database_unavailable</c> with Retry-After, and an
/// idempotent request may simply be sent again (issue #22: an outage answered 500 hundreds of times per second).
/// EF Core and Npgsql wrap the cause, so the whole chain of inner exceptions is looked at.
/// </summary>
internal static class TransientFailures
{
    public const string Code = "database_unavailable";

    public const int RetryAfterSeconds = 1;

    private const string NoSuitableHost = "No suitable host";

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A multi-host connection string (the members of a Patroni cluster, ADR 0066) that found no host it
                // could use: every host refused (the causes in an AggregateException), or all answered but none is
                // the primary yet — the seconds between a primary's loss and a standby's promotion. Npgsql raises the
                // latter as a plain NpgsqlException with no inner exception, so its message is the only mark.
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsDatabaseUnavailable):
                    return true;
                case NpgsqlException when e is not PostgresException && e.Message.StartsWith(NoSuitableHost, StringComparison.Ordinal):
                    return true;
                // Class 08 (connection exception), 57P01-03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                               // 25006: a write reached a member that is (again) a standby mid-failover.
                                               || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                                                   or PostgresErrorCodes.ReadOnlySqlTransaction
                                                   or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections:
                    return true;
                // A refusal or a broken stream before PostgreSQL said anything (Npgsql marks those transient), or the
                // pool's acquire timeout.
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException } and not PostgresException:
                    return true;
            }
        }

        return false;
    }
}
