using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Persistence;

namespace Platform.Api.Storefront;

/// <summary>
/// Carries storefront cache evictions to every node (ADR 0039). The output cache is in memory per node: a node that
/// takes a back-office write evicts its own pages at once and then NOTIFYs <see cref="Channel"/> with the tags; every
/// node LISTENs on a connection of its own and evicts those tags too. PostgreSQL is the one thing all nodes already
/// share, so no broker is added. A notification lost while a node's listener was down is covered by evicting every
/// storefront page when the listener (re)connects, after which the pages are rendered from the database again.
/// </summary>
public sealed partial class StorefrontCacheBus(
    IOutputCacheStore store, IOptions<DatabaseOptions> database, TimeProvider clock, ILogger<StorefrontCacheBus> logger)
    : BackgroundService
{
    public const string Channel = "storefront_cache";

    /// <summary>Tells this node's own notifications apart from the others' (it has evicted those tags already).</summary>
    private readonly string node = Guid.NewGuid().ToString("N");

    private readonly Lazy<NpgsqlDataSource> source = new(() => new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(database.Value.ListenerConnectionString) { ApplicationName = ApplicationName }.ConnectionString)
    { Name = ApplicationName }.Build());

    /// <summary>The application_name of the bus's connections, so operators (and a test) can find the listener.</summary>
    public const string ApplicationName = "storefront-cache-bus";

    /// <summary>How long the listener waits before reconnecting after its connection was lost.</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    /// <summary>Evicts the tags on this node and tells the other nodes to evict them too.</summary>
    public async Task EvictEverywhereAsync(IReadOnlyList<string> tags, CancellationToken ct)
    {
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, ct);
        }

        try
        {
            await using var command = source.Value.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", $"{node}|{string.Join(' ', tags)}");
            await command.ExecuteNonQueryAsync(ct);
        }
#pragma warning disable CA1031 // The write has committed: a failed notification must not turn its answer into a 500.
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
#pragma warning restore CA1031
        {
            // Other nodes' pages then expire on their own within Storefront:CacheSeconds (one second by default).
            LogNotifyFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The listener must survive a lost connection: it reconnects (and evicts everything).
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenerFailed(logger, e);
                await Task.Delay(ReconnectDelay, clock, stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        if (source.IsValueCreated)
        {
            source.Value.Dispose();
        }

        base.Dispose();
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await source.Value.OpenConnectionAsync(ct);
        var pending = System.Threading.Channels.Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => pending.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        // Whatever was written while this node was not listening (start-up, a lost connection) may be cached here.
        await store.EvictByTagAsync(StorefrontCacheTags.All, ct);
        while (!ct.IsCancellationRequested)
        {
            // Notifications are raised inside WaitAsync; a closed connection throws here and the loop reconnects.
            await connection.WaitAsync(ct);
            while (pending.Reader.TryRead(out var payload))
            {
                var parts = payload.Split('|', 2);
                if (parts.Length != 2 || parts[0] == node)
                {
                    continue;
                }

                foreach (var tag in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    await store.EvictByTagAsync(tag, ct);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storefront cache listener failed; reconnecting")]
    private static partial void LogListenerFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify other nodes of a storefront cache eviction; their pages expire on their own")]
    private static partial void LogNotifyFailed(ILogger logger, Exception e);
}
