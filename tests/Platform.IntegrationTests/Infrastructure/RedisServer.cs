using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway redis-server (Debian's package; scripts/test.sh installs it) on a free port, without persistence, for
/// the nodes that share counters in Redis. Started on first use and stopped at the end of the run.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string (Redis:Configuration) of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        const string binary = "/usr/bin/redis-server";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: run the tests with scripts/test.sh, which installs Debian's redis-server.");
        }

        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new RedisServer(process, port);
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException($"redis-server did not listen on {port} within 10 s.");
    }

    /// <summary>A port nothing listens on (for a node whose Redis is down).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
