using Platform.Tenancy;

namespace Platform.Tenancy.Administration;

public sealed record BrandingRequest(string? LogoUrl, string? PrimaryColor, string? AccentColor, string? CustomHost);

public sealed record CreateTenantRequest(
    string? Slug,
    string? DisplayName,
    TenantKind? Kind,
    string? Locale,
    string? TimeZone,
    string? DefaultCurrency,
    string? Plan,
    BrandingRequest? Branding);

/// <summary>A partial update: omitted (null) fields keep their value. The slug never changes (URLs depend on it).</summary>
public sealed record UpdateTenantRequest(
    string? DisplayName,
    string? Locale,
    string? TimeZone,
    string? DefaultCurrency,
    string? Plan,
    BrandingRequest? Branding);

public sealed record SuspendTenantRequest(string? Reason);

public sealed record BrandingResponse(string? LogoUrl, string PrimaryColor, string AccentColor, string? CustomHost);

public sealed record TenantResponse(
    Guid Id,
    string Slug,
    string DisplayName,
    TenantKind Kind,
    TenantStatus Status,
    BrandingResponse Branding,
    string Locale,
    string TimeZone,
    string DefaultCurrency,
    string Plan,
    string? SuspensionReason,
    DateTimeOffset? SuspendedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static TenantResponse From(Tenant t) => new(
        t.Id, t.Slug, t.DisplayName, t.Kind, t.Status,
        new BrandingResponse(t.Branding.LogoUrl, t.Branding.PrimaryColor, t.Branding.AccentColor, t.Branding.CustomHost),
        t.Locale, t.TimeZone, t.DefaultCurrency, t.Plan, t.SuspensionReason, t.SuspendedAt, t.CreatedAt, t.UpdatedAt, t.Version);
}
