namespace Platform.Tenancy;

public enum TenantKind
{
    Venue,
    Promoter,
}

public enum TenantStatus
{
    Active,
    Suspended,
}

/// <summary>A venue or promoter hosted on the platform. The root of isolation; not itself tenant-owned.</summary>
public sealed class Tenant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Slug { get; set; }

    public required string DisplayName { get; set; }

    public TenantKind Kind { get; set; }

    public TenantStatus Status { get; set; } = TenantStatus.Active;

    public TenantBranding Branding { get; set; } = new();

    public required string Locale { get; set; }

    public required string TimeZone { get; set; }

    public required string DefaultCurrency { get; set; }

    public string Plan { get; set; } = TenantPlans.Standard;

    public string? SuspensionReason { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL xmin, used as an optimistic concurrency token.</summary>
    public uint Version { get; set; }
}

public sealed class TenantBranding
{
    public string? LogoUrl { get; set; }

    public string PrimaryColor { get; set; } = "#1F2937";

    public string AccentColor { get; set; } = "#2563EB";

    public string? CustomHost { get; set; }
}

public static class TenantPlans
{
    public const string Free = "free";
    public const string Standard = "standard";
    public const string Enterprise = "enterprise";

    public static readonly IReadOnlyList<string> All = [Free, Standard, Enterprise];
}
