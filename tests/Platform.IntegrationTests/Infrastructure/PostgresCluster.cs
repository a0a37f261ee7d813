using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for one test run: initdb into a temporary folder, started on a free loopback
/// port, with the platform's owner and application roles, removed on dispose. Set PLATFORM_TEST_ADMIN_CONNECTION to a
/// superuser connection string to use an existing server instead.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string? directory;

    private PostgresCluster(string host, int port, string? directory)
    {
        Host = host;
        Port = port;
        this.directory = directory;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The server log of a cluster the tests started (null on an existing server).</summary>
    public string? LogPath => directory is null ? null : Path.Combine(directory, "log");

    public string Connection(string database, string user, int? maxPool = null) =>
        $"Host={Host};Port={Port};Database={database};Username={user};Include Error Detail=true" +
        (maxPool is { } max ? $";Maximum Pool Size={max}" : "");

    public static async Task<PostgresCluster> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_TEST_ADMIN_CONNECTION") is { Length: > 0 } external)
        {
            var builder = new NpgsqlConnectionStringBuilder(external);
            return new PostgresCluster(builder.Host!, builder.Port, null);
        }

        var bin = new[] { "/usr/lib/postgresql/15/bin" }.Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : [])
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries not found: run scripts/test.sh (it installs them).");

        var dir = Path.Combine(Path.GetTempPath(), "platform-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", "postgres:postgres", dir);
        }

        var port = FreePort();
        await RunPgAsync(asRoot, Path.Combine(bin, "initdb"), "-D", Path.Combine(dir, "data"), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await RunPgAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "log"), "-w",
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start");
        return new PostgresCluster("127.0.0.1", port, dir) { Bin = bin, AsRoot = asRoot };
    }

    private string? Bin { get; init; }

    private bool AsRoot { get; init; }

    /// <summary>Creates a database owned by platform_owner, and the two platform roles if missing.</summary>
    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Connection("postgres", "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_owner') THEN
                CREATE ROLE platform_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
              END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_app') THEN
                CREATE ROLE platform_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
              END IF;
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" OWNER platform_owner", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (directory is null || Bin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync(AsRoot, Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPgAsync(bool asRoot, string file, params string[] args) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args]) : RunAsync(file, args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
