using System.Net;
using System.Net.Sockets;

namespace Platform.Webhooks;

/// <summary>
/// Says why an address must not receive webhooks (server-side request forgery), or null for a public address.
/// Applied at registration and again when each connection is made, so DNS changes cannot sneak past it.
/// </summary>
public static class AddressClassifier
{
    public const string Loopback = "loopback";

    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Refusal(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusalV6(address),
            _ => "unsupported address family",
        };
    }

    private static string? RefusalV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [127, ..] => Loopback,
        [10, ..] => "private (10.0.0.0/8)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [169, 254, 169, 254] => "cloud metadata (169.254.169.254)",
        [169, 254, ..] => "link-local (169.254.0.0/16)",
        [100, >= 64 and <= 127, ..] => "carrier-grade NAT (100.64.0.0/10)",
        [>= 224 and <= 239, ..] => "multicast (224.0.0.0/4)",
        [>= 240, ..] => "reserved (240.0.0.0/4)",
        _ => null,
    };

    private static string? RefusalV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (IPAddress.IPv6Loopback.Equals(address))
        {
            return Loopback;
        }

        if (IPAddress.IPv6None.Equals(address))
        {
            return "unspecified (::)";
        }

        // ::a.b.c.d (deprecated IPv4-compatible) and 64:ff9b::/96 (NAT64) embed an IPv4 address.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 ||
            (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0))
        {
            return Refusal(new IPAddress(b.AsSpan(12, 4)));
        }

        return b switch
        {
            [>= 0xfc and <= 0xfd, ..] => "unique-local (fc00::/7)",
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local (fe80::/10)",
            [0xfe, >= 0xc0, ..] => "site-local (fec0::/10)",
            [0xff, ..] => "multicast (ff00::/8)",
            _ => null,
        };
    }
}
