using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;
using Platform.Identity.OAuth;

namespace Platform.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>The API's scheme: bearer access tokens validated by OpenIddict.</summary>
    public const string BearerScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>
    /// Bearer tokens for the API (the default scheme) and Identity's cookies for the server-rendered sign-in pages only.
    /// Tokens are validated in-process against the local authorization server's keys (no claim type mapping, so the
    /// API sees sub, tenant_id, role, scope and client_id as issued), must carry the API audience, and must still be
    /// valid in the token store, so revoking a client, a user or a refresh chain takes effect at once.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenIddict().AddValidation(options =>
        {
            options.UseLocalServer();
            options.UseAspNetCore();
            options.AddAudiences(OAuthOptions.ApiAudience);
            options.EnableTokenEntryValidation();
            options.EnableAuthorizationEntryValidation();
        });

        builder.Services.AddAuthentication(options => options.DefaultScheme = BearerScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/login";
                o.Cookie.Name = "platform.session";
                o.Cookie.HttpOnly = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            }));
        // The cookie is only used by the sign-in pages, so checking its security stamp on every request is cheap; it is
        // what makes sign-out (which rotates the stamp) and a password change end every copy of the cookie at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        return builder;
    }
}
