namespace Platform.Identity.KeyRing;

/// <summary>
/// Where the certificate that encrypts the Data Protection key ring lives. The ring itself is in the database (shared by
/// every node); its keys protect cookies, Identity tokens, the OAuth signing keys, Stripe keys and webhook secrets, so a
/// database dump must not yield them: each key is stored encrypted to this certificate, which lives outside the database
/// (a file mounted from the deployment's secret store).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PEM file with the certificate and its private key. Required outside Development and Testing.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Create a self-signed certificate at <see cref="CertificatePath"/> when it is missing (local runs only).</summary>
    public bool CreateCertificateIfMissing { get; set; }
}
