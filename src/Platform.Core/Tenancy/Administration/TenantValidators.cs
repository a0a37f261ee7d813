using System.Text.RegularExpressions;
using FluentValidation;
using Platform.Money;

namespace Platform.Tenancy.Administration;

/// <summary>The rules every tenant field obeys, shared by the admin API, sign-up and the sample loader.</summary>
public static partial class TenantRules
{
    public static readonly IReadOnlyList<string> Locales = ["en", "zh-CN"];

    /// <summary>Slugs that would collide with platform routes or subdomains.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "api", "app", "www", "static", "assets", "health", "swagger", "connect", "account", "platform", "t",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public static partial Regex SlugPattern();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    public static partial Regex ColorPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    public static partial Regex HostPattern();

    public static bool IsTimeZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var tz) && tz.HasIanaId;

    public static bool IsHttpsUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    public static IRuleBuilderOptions<T, string?> TenantSlug<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("slug is required.")
        .Must(s => s is null || SlugPattern().IsMatch(s))
        .WithMessage("slug must be 3–63 characters of lowercase letters, digits and hyphens, not starting or ending with a hyphen.")
        .Must(s => s is null || !ReservedSlugs.Contains(s)).WithMessage("slug is reserved.");

    public static IRuleBuilderOptions<T, string?> Locale<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(l => l is not null && Locales.Contains(l)).WithMessage("locale must be one of: en, zh-CN.");

    public static IRuleBuilderOptions<T, string?> TimeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsTimeZone).WithMessage("timeZone must be an IANA time zone such as Europe/London.");

    public static IRuleBuilderOptions<T, string?> Currency<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Currencies.IsKnown).WithMessage("defaultCurrency must be an ISO 4217 code such as EUR or CNY.");

    public static IRuleBuilderOptions<T, string?> Plan<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => p is null || TenantPlans.All.Contains(p)).WithMessage($"plan must be one of: {string.Join(", ", TenantPlans.All)}.");

    /// <summary>Branding fields, optional (null keeps the value): what the platform admin and the tenant itself may set.</summary>
    public static IRuleBuilderOptions<T, string?> LogoUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(u => u is null || IsHttpsUrl(u)).WithMessage("logoUrl must be an absolute https URL.");

    public static IRuleBuilderOptions<T, string?> HexColor<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(c => c is null || ColorPattern().IsMatch(c)).WithMessage($"{field} must be a hex colour such as #1A2B3C.");
}

internal sealed class BrandingRequestValidator : AbstractValidator<BrandingRequest>
{
    public BrandingRequestValidator()
    {
        RuleFor(b => b.LogoUrl).LogoUrl();
        RuleFor(b => b.PrimaryColor).HexColor("primaryColor");
        RuleFor(b => b.AccentColor).HexColor("accentColor");
        RuleFor(b => b.CustomHost).Matches(TenantRules.HostPattern()).When(b => b.CustomHost is not null)
            .WithMessage("customHost must be a lowercase host name such as tickets.example.com.");
    }
}

internal sealed class CreateTenantRequestValidator : AbstractValidator<CreateTenantRequest>
{
    public CreateTenantRequestValidator()
    {
        RuleFor(r => r.Slug).TenantSlug();
        RuleFor(r => r.DisplayName).NotEmpty().WithMessage("displayName is required.").MaximumLength(200);
        RuleFor(r => r.Kind).NotNull().WithMessage("kind is required (venue or promoter).");
        RuleFor(r => r.Locale).Locale();
        RuleFor(r => r.TimeZone).TimeZone();
        RuleFor(r => r.DefaultCurrency).Currency();
        RuleFor(r => r.Plan).Plan();
        RuleFor(r => r.Branding!).SetValidator(new BrandingRequestValidator()).When(r => r.Branding is not null);
    }
}

internal sealed class UpdateTenantRequestValidator : AbstractValidator<UpdateTenantRequest>
{
    public UpdateTenantRequestValidator()
    {
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200).When(r => r.DisplayName is not null);
        RuleFor(r => r.Locale).Locale().When(r => r.Locale is not null);
        RuleFor(r => r.TimeZone).TimeZone().When(r => r.TimeZone is not null);
        RuleFor(r => r.DefaultCurrency).Currency().When(r => r.DefaultCurrency is not null);
        RuleFor(r => r.Plan).Plan();
        RuleFor(r => r.Branding!).SetValidator(new BrandingRequestValidator()).When(r => r.Branding is not null);
    }
}

internal sealed class SuspendTenantRequestValidator : AbstractValidator<SuspendTenantRequest>
{
    public SuspendTenantRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().WithMessage("reason is required.").MaximumLength(500);
    }
}
