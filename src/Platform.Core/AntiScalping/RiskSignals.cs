using System.Net;
using System.Text;

namespace Platform.AntiScalping;

/// <summary>One order attempt as the signals see it. <paramref name="Device"/> is the browser's waiting-room ticket id.</summary>
public sealed record RiskAttempt(Guid TenantId, string Email, string? Phone, string? Device, IPAddress? Ip, int Quantity, int MaxPerBuyer,
    DateTimeOffset? PassIssuedAt, DateTimeOffset At);

/// <summary>
/// Turns order attempts (and the holds before them) into <see cref="RiskFeatures"/> with the <see cref="RiskWindow"/>.
/// Used by the order path and by the simulator that trains the model, so both compute features the same way. Every key
/// starts with the tenant: one tenant's buyers never count in another's signals.
/// </summary>
public sealed class RiskSignals(RiskWindow window)
{
    public RiskWindow Window { get; } = window;

    /// <summary>A hold was made from <paramref name="ip"/> (hold-time velocity of its network).</summary>
    public void RecordHold(Guid tenantId, IPAddress? ip, DateTimeOffset at)
    {
        if (Identities.Subnet(ip) is { } subnet)
        {
            Window.Record(Key(tenantId, "hs", subnet), 0, at);
        }
    }

    /// <summary>The attempt's features from what came before it; then the attempt itself is counted.</summary>
    public RiskFeatures Observe(RiskAttempt attempt)
    {
        var t = attempt.TenantId;
        var now = attempt.At;
        var email = attempt.Email.Trim().ToLowerInvariant();
        var emailValue = Hash(email);
        var phone = Digits(attempt.Phone);
        var ip = attempt.Ip?.IsIPv4MappedToIPv6 == true ? attempt.Ip.MapToIPv4() : attempt.Ip;
        var ipText = ip?.ToString();
        var ipValue = ipText is null ? 0 : Hash(ipText);
        var subnet = Identities.Subnet(ip);
        var stem = Identities.SequentialStem(email);

        var emailKey = Key(t, "e", email);
        var (emailOrders, emailIps) = Window.Read(emailKey, now);
        var phoneKey = phone is null ? null : Key(t, "p", phone);
        var deviceKey = attempt.Device is null ? null : Key(t, "d", attempt.Device);
        var ipKey = ipText is null ? null : Key(t, "i", ipText);
        var subnetKey = subnet is null ? null : Key(t, "s", subnet);
        var stemKey = stem is null ? null : Key(t, "q", stem);
        var (subnetOrders, subnetEmails) = subnetKey is null ? (0, 0) : Window.Read(subnetKey, now);
        var (_, stemEmails) = stemKey is null ? (0, 0) : Window.Read(stemKey, now);
        var stemSiblings = stemEmails - (stemKey is not null && Window.Seen(stemKey, emailValue, now) ? 1 : 0);
        // IP churn counts this order's address too: a buyer seen from 3 addresses before and a 4th now has churn 4.
        var churn = emailIps + (ipText is null || Window.Seen(emailKey, ipValue, now) ? 0 : 1);

        var features = new RiskFeatures
        {
            EmailOrders = emailOrders,
            PhoneOrders = phoneKey is null ? 0 : Window.Read(phoneKey, now).Count,
            DeviceOrders = deviceKey is null ? 0 : Window.Read(deviceKey, now).Count,
            IpOrders = ipKey is null ? 0 : Window.Read(ipKey, now).Count,
            SubnetOrders = subnetOrders,
            SubnetHolds = subnet is null ? 0 : Window.Read(Key(t, "hs", subnet), now).Count,
            SubnetEmails = subnetEmails,
            IpChurn = Math.Max(churn, 1),
            DisposableEmail = DisposableDomains.IsDisposable(email) ? 1 : 0,
            SequentialSiblings = Math.Max(stemSiblings, 0),
            QuantityShare = attempt.MaxPerBuyer > 0 ? Math.Min((float)attempt.Quantity / attempt.MaxPerBuyer, 4f) : 0,
            PassToOrderSeconds = attempt.PassIssuedAt is { } pass ? (float)Math.Max((now - pass).TotalSeconds, 0) : -1,
        };

        Window.Record(emailKey, ipValue, now);
        if (phoneKey is not null)
        {
            Window.Record(phoneKey, emailValue, now);
        }

        if (deviceKey is not null)
        {
            Window.Record(deviceKey, emailValue, now);
        }

        if (ipKey is not null)
        {
            Window.Record(ipKey, emailValue, now);
        }

        if (subnetKey is not null)
        {
            Window.Record(subnetKey, emailValue, now);
        }

        if (stemKey is not null)
        {
            Window.Record(stemKey, emailValue, now);
        }

        return features;
    }

    private static string Key(Guid tenantId, string kind, string identity) => string.Concat(tenantId.ToString("N"), "|", kind, "|", identity);

    private static string? Digits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        return digits.Length == 0 ? null : digits.ToString();
    }

    /// <summary>FNV-1a 64: a stable value for "distinct" counts (collisions only ever under-count).</summary>
    private static long Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
