namespace Platform.Console.Services;

/// <summary>
/// What the signed-in role may use, mirroring docs/roles.md's matrix so that a page or button a role may not use is
/// absent. The API enforces the same matrix on every call: this only keeps the console from offering dead ends.
/// </summary>
public static class ConsoleRoles
{
    public const string PlatformAdmin = "platform_admin";

    private static readonly string[] OrdersReaders = ["owner", "admin", "box_office", "finance"];
    private static readonly string[] OrdersWriters = ["owner", "admin", "box_office"];
    private static readonly string[] EventsReaders = ["owner", "admin", "box_office", "finance", "analyst", "scanner"];
    private static readonly string[] EventsWriters = ["owner", "admin"];

    public static bool CanReadOrders(this ConsoleSession s) => s.TenantId is not null && OrdersReaders.Any(s.Roles.Contains);

    public static bool CanRefund(this ConsoleSession s) => s.TenantId is not null && OrdersWriters.Any(s.Roles.Contains);

    public static bool CanReadEvents(this ConsoleSession s) => s.TenantId is not null && EventsReaders.Any(s.Roles.Contains);

    public static bool CanEditEvents(this ConsoleSession s) => s.TenantId is not null && EventsWriters.Any(s.Roles.Contains);

    /// <summary>Owners and Admins (policy tenant-admin): members, branding, the guided start.</summary>
    public static bool IsTenantAdmin(this ConsoleSession s) => s.TenantId is not null && EventsWriters.Any(s.Roles.Contains);

    // ---- Gate scanner and live dashboard ----
    private static readonly string[] Scanners = ["owner", "admin", "scanner"];
    private static readonly string[] ReportReaders = ["owner", "admin", "finance", "analyst"];

    /// <summary>Policy tickets-checkin: scans, offline packages, batch uploads.</summary>
    public static bool CanScan(this ConsoleSession s) => s.TenantId is not null && Scanners.Any(s.Roles.Contains);

    /// <summary>Policy reports-read (the tenant's live figures) or platform-admin (the platform's).</summary>
    public static bool CanWatchLive(this ConsoleSession s) => s.IsPlatformAdmin() || (s.TenantId is not null && ReportReaders.Any(s.Roles.Contains));
    // ---- end scanner ----

    /// <summary>The box office's sell screen and the seller's own cash-up: whoever may write orders (policy orders-write).</summary>
    public static bool CanSell(this ConsoleSession s) => s.TenantId is not null && OrdersWriters.Any(s.Roles.Contains);

    // ---- Venues: every events reader sees venues and maps (policy events-read); owners and admins edit (events-write).
    public static bool CanReadVenues(this ConsoleSession s) => s.CanReadEvents();

    public static bool CanEditVenues(this ConsoleSession s) => s.CanEditEvents();
    // ---- end venues

    // ---- Reports, analytics and finance (policies reports-read, finance-read, finance-write) ----
    private static readonly string[] FinanceReaders = ["owner", "admin", "finance"];

    /// <summary>Policy reports-read: sales reports and analytics (owner, admin, finance, analyst).</summary>
    public static bool CanReadReports(this ConsoleSession s) => s.TenantId is not null && ReportReaders.Any(s.Roles.Contains);

    /// <summary>Policies finance-read and finance-write: daily close, reconciliation, journal, chart of accounts (not analysts).</summary>
    public static bool CanReadFinance(this ConsoleSession s) => s.TenantId is not null && FinanceReaders.Any(s.Roles.Contains);
    // ---- end reports and finance ----

    public static bool IsPlatformAdmin(this ConsoleSession s) => s.Roles.Contains(PlatformAdmin);

    // ---- Post-event report ----
    /// <summary>Policy reports-read on a tenant: the post-event report (notes are written by CanEditEvents: owner, admin).</summary>
    public static bool CanReadPostEventReports(this ConsoleSession s) => s.TenantId is not null && ReportReaders.Any(s.Roles.Contains);
    // ---- end post-event report ----

    // ---- Anti-scalping ----
    /// <summary>Policy tenant-admin (owner, admin): the review queue, the block list and the policy.</summary>
    public static bool CanReviewRisk(this ConsoleSession s) => s.IsTenantAdmin();
    // ---- end anti-scalping ----
    // ---- Legacy import ----
    /// <summary>Policy tenant-admin (owner, admin): an import writes orders in bulk and reads buyers' personal data (ADR 0057).</summary>
    public static bool CanImport(this ConsoleSession s) => s.IsTenantAdmin();
    // ---- end legacy import ----
}
