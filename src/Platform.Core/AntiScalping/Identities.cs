using System.Net;
using System.Net.Sockets;

namespace Platform.AntiScalping;

/// <summary>How buyers' identities are reduced to the keys the signals count by.</summary>
public static class Identities
{
    /// <summary>
    /// The stem of an e-mail: the local part with its trailing digits replaced by '#', lower-cased
    /// (name1@x.com, name22@x.com → name#@x.com). Null when the local part has no trailing digits, so ordinary
    /// addresses are never grouped; Gmail-style "+tag" suffixes are dropped first (name+1@ is name@).
    /// </summary>
    public static string? SequentialStem(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (at <= 0)
        {
            return null;
        }

        var local = email![..at].Trim().ToLowerInvariant();
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        var tagged = plus > 0;
        if (tagged)
        {
            local = local[..plus];
        }

        var end = local.Length;
        while (end > 0 && char.IsAsciiDigit(local[end - 1]))
        {
            end--;
        }

        // A tag (name+anything@) is a sequence of its own: many tags of one mailbox are one person's many identities.
        if ((end == local.Length && !tagged) || end == 0)
        {
            return null;
        }

        return local[..end] + "#@" + email[(at + 1)..].Trim().ToLowerInvariant();
    }

    /// <summary>The network an address belongs to: its /24 for IPv4 (and IPv4-mapped IPv6), its /48 for IPv6.</summary>
    public static string? Subnet(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24"
            : new IPAddress([.. bytes[..6], .. new byte[10]]) + "/48";
    }
}
