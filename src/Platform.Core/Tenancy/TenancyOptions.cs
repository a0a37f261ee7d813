namespace Platform.Tenancy;

public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>
    /// The domain under which tenants get a subdomain for public pages ({slug}.tickets.example). Empty disables
    /// subdomain resolution; custom hosts and /t/{slug} routes always work.
    /// </summary>
    public string? PublicBaseDomain { get; set; }
}
