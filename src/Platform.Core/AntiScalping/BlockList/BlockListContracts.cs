using System.Net;
using FluentValidation;

namespace Platform.AntiScalping.BlockList;

/// <summary>
/// A block-list entry to add. <c>kind</c>: <c>email</c> (one address), <c>domain</c> (every address at it) or <c>ip</c>
/// (an address, or a network in CIDR form such as 203.0.113.0/24). <c>note</c>: why, for the colleague who reads it later.
/// </summary>
public sealed record RiskBlockRequest(string? Kind, string? Value, string? Note);

public sealed record RiskBlockResponse(Guid Id, string Kind, string Value, string? Note, string? CreatedBy, DateTimeOffset CreatedAt);

/// <summary>The one place that turns what staff typed into what the order path compares.</summary>
public static class BlockValues
{
    public static string? Normalize(string kind, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        switch (kind)
        {
            case BlockKinds.Email:
                var at = text.LastIndexOf('@');
                return at > 0 && at < text.Length - 1 && !text.Any(char.IsWhiteSpace) ? text.ToLowerInvariant() : null;
            case BlockKinds.Domain:
                var domain = text.TrimStart('@').ToLowerInvariant();
                return domain.Contains('.') && Uri.CheckHostName(domain) == UriHostNameType.Dns ? domain : null;
            case BlockKinds.Ip:
                if (IPAddress.TryParse(text, out var address))
                {
                    address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                    return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128).ToString();
                }

                return IPNetwork.TryParse(text, out var network) ? network.ToString() : null;
            default:
                return null;
        }
    }
}

internal sealed class RiskBlockRequestValidator : AbstractValidator<RiskBlockRequest>
{
    public RiskBlockRequestValidator()
    {
        RuleFor(r => r.Kind).NotEmpty().WithMessage("kind is required (email, domain or ip).")
            .Must(k => k is null || BlockKinds.All.Contains(k)).WithMessage("kind must be email, domain or ip.");
        RuleFor(r => r.Value).NotEmpty().WithMessage("value is required.")
            .MaximumLength(320).WithMessage("value must be at most 320 characters.")
            .Must((r, v) => r.Kind is null || !BlockKinds.All.Contains(r.Kind) || BlockValues.Normalize(r.Kind, v) is not null)
            .When(r => !string.IsNullOrWhiteSpace(r.Value), ApplyConditionTo.CurrentValidator)
            .WithMessage(r => r.Kind switch
            {
                BlockKinds.Email => "value must be an e-mail address.",
                BlockKinds.Domain => "value must be a domain name such as example.com.",
                _ => "value must be an IP address or a CIDR network such as 203.0.113.0/24.",
            });
        RuleFor(r => r.Note).MaximumLength(200).WithMessage("note must be at most 200 characters.");
    }
}
