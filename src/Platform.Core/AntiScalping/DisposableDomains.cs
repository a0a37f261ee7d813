using System.Collections.Frozen;

namespace Platform.AntiScalping;

/// <summary>
/// The disposable e-mail domains shipped in <c>disposable-domains.txt</c> (an embedded resource copied from a maintained
/// public list: see its header and docs/anti-scalping.md). A sub-domain of a listed domain counts too
/// (x.mailinator.com). Loaded once, on first use.
/// </summary>
public static class DisposableDomains
{
    private static readonly Lazy<FrozenSet<string>> Domains = new(Load);

    public static int Count => Domains.Value.Count;

    /// <summary>Whether the address's domain, or a parent domain of it, is on the list.</summary>
    public static bool IsDisposable(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (at < 0 || at == email!.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        var set = Domains.Value;
        while (true)
        {
            if (set.Contains(domain))
            {
                return true;
            }

            var dot = domain.IndexOf('.', StringComparison.Ordinal);
            // Stop before the bare top-level domain: "com" is never a disposable domain.
            if (dot < 0 || domain.IndexOf('.', dot + 1) < 0)
            {
                return false;
            }

            domain = domain[(dot + 1)..];
        }
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(DisposableDomains).Assembly.GetManifestResourceStream("Platform.AntiScalping.disposable-domains.txt")
            ?? throw new InvalidOperationException("The disposable-domains resource is missing.");
        using var reader = new StreamReader(stream);
        var domains = new List<string>(130_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                domains.Add(line);
            }
        }

        return domains.ToFrozenSet(StringComparer.Ordinal);
    }
}
