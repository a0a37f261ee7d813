using System.ComponentModel.DataAnnotations;

namespace Platform.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The application's connection: a role that owns nothing, is not superuser and has no BYPASSRLS.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// A direct connection to PostgreSQL for what a transaction-pooling proxy (PgBouncer) cannot carry: LISTEN, which
    /// the outbox and storefront-cache listeners hold, and Hangfire's storage (long polling LISTENs too). Empty when the
    /// application connects to PostgreSQL directly anyway; then <see cref="ConnectionString"/> serves both.
    /// </summary>
    public string? DirectConnectionString { get; set; }

    /// <summary>The connection for LISTEN and Hangfire: the direct one when set.</summary>
    public string ListenerConnectionString => string.IsNullOrWhiteSpace(DirectConnectionString) ? ConnectionString : DirectConnectionString;

    /// <summary>The schema owner's connection, used only by the migrate command.</summary>
    public string? OwnerConnectionString { get; set; }

    /// <summary>The role the application connects as; the migrate command grants it data access and nothing more.</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string AppRole { get; set; } = "platform_app";
}
