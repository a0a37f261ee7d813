using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Platform.Webhooks;

/// <summary>
/// Refuses receiver URLs that would make the platform call into private networks (SSRF): at registration with a
/// reason for the 422, and at connect time through <see cref="ConnectAsync"/> (the HttpClient's ConnectCallback),
/// which resolves the host itself and connects only to an address it has just checked.
/// </summary>
public sealed class WebhookUrlGuard(IOptionsMonitor<WebhookOptions> options)
{
    /// <summary>Why the URL may not be registered, or null when it may.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "The url must be an absolute https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The url must not contain credentials.";
        }

        var allowLoopback = options.CurrentValue.AllowLoopback;
        if (uri.Scheme == "http" && !(allowLoopback && IsLoopbackHost(uri.Host)))
        {
            return "The url must use https.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The host '{uri.Host}' cannot be resolved.";
        }

        foreach (var address in addresses)
        {
            if (Refusal(address) is { } reason)
            {
                return $"The host '{uri.Host}' resolves to {address}, a {reason} address; webhooks only go to public addresses.";
            }
        }

        return null;
    }

    /// <summary>Resolves, checks every address, and connects to the first that may be used.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, ct);
        var allowed = addresses.Where(a => Refusal(a) is null).ToList();
        if (allowed.Count == 0)
        {
            var reasons = string.Join(", ", addresses.Select(a => $"{a} ({Refusal(a)})"));
            throw new HttpRequestException($"Refused to connect to '{host}': it resolves only to non-public addresses: {reasons}.");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw new HttpRequestException($"Could not connect to '{host}'.", last);
    }

    private string? Refusal(IPAddress address)
    {
        var reason = AddressClassifier.Refusal(address);
        return reason == AddressClassifier.Loopback && options.CurrentValue.AllowLoopback ? null : reason;
    }

    private static bool IsLoopbackHost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
}
