namespace Platform.Identity.Email;

/// <summary>How the platform sends email: into a folder of .eml files (the embedded default) or through SMTP.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>"Pickup" writes each message as an .eml file into <see cref="PickupDirectory"/>; "Smtp" sends it.</summary>
    public string Mode { get; set; } = "Pickup";

    /// <summary>Relative to the working directory unless absolute.</summary>
    public string PickupDirectory { get; set; } = ".data/mail";

    public string From { get; set; } = "no-reply@tickets.localhost";

    /// <summary>The public base URL used in links (confirmation, reset, invitation), e.g. https://tickets.example.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool SmtpEnableSsl { get; set; } = true;

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }
}
