namespace Platform.Identity.OAuth;

public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>The audience every access token for this API carries and the API requires.</summary>
    public const string ApiAudience = "platform-api";

    /// <summary>The issuer URL; when empty it is the request's base URL (fine when every node sits behind one host).</summary>
    public string? Issuer { get; set; }

    /// <summary>OAuth 2.0 requires TLS; only Development and the tests turn this off.</summary>
    public bool RequireHttps { get; set; } = true;

    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Redirect URIs of the first-party Swagger UI client (public, authorization code + PKCE).</summary>
    public List<string> SwaggerRedirectUris { get; set; } = [];

    /// <summary>Redirect URIs of the staff console's client "console" (public, authorization code + PKCE): {origin}/console/signin-callback.</summary>
    public List<string> ConsoleRedirectUris { get; set; } = [];
}
