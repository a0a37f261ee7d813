using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Platform.Authorization;
using Platform.Identity.Email;
using Platform.Identity.KeyRing;
using Platform.Identity.Memberships;
using Platform.Identity.OAuth;
using Platform.Identity.Onboarding;
using Platform.Identity.Users;
using Platform.Persistence;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity;

public static class IdentityExtensions
{
    /// <summary>Users (ASP.NET Core Identity), memberships, email, and the OpenIddict authorization server.</summary>
    public static IHostApplicationBuilder AddPlatformIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.Section);
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<MembershipDirectory>();
        services.AddScoped<MembershipService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<SignUpService>();
        services.AddScoped<PasswordContext>();
        services.AddScoped<ApiClientService>();
        services.AddScoped<TokenPrincipals>();
        services.AddScoped<IdentityCommands>();

        // One Data Protection key ring for every node (cookies, Identity tokens, the OAuth keys' protection), encrypted.
        builder.AddPlatformDataProtection();

        services.AddIdentityCore<PlatformUser>(o =>
            {
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddEntityFrameworkStores<PlatformDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<PasswordStrengthValidator>();

        var oauth = builder.Configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions();
        var requireHttps = builder.Configuration.GetValue<bool?>($"{OAuthOptions.Section}:{nameof(OAuthOptions.RequireHttps)}")
                           ?? !(builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"));
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, PersistedKeys>();
        services.AddOpenIddict()
            .AddCore(o =>
            {
                o.UseEntityFrameworkCore().UseDbContext<PlatformDbContext>().ReplaceDefaultEntities<Guid>();
                o.ReplaceApplicationManager(typeof(SlowSecretApplicationManager<>));
            })
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect");
                o.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                // PKCE with S256 only: "plain" would let an intercepted code be redeemed with the visible challenge.
                o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                o.RegisterScopes([.. PlatformScopes.All, Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess]);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(oauth.AccessTokenMinutes));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(oauth.RefreshTokenDays));
                // Rotation with no grace period: a redeemed refresh token presented again revokes the whole chain.
                o.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                // Access tokens are signed JWTs (at+jwt) readable by resource servers; codes and refresh tokens stay encrypted.
                o.DisableAccessTokenEncryption();
                if (oauth.Issuer is { Length: > 0 } issuer)
                {
                    o.SetIssuer(new Uri(issuer));
                }

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", Policies.SignedInUser);
        });
        return builder;
    }

    public static WebApplication MapPlatformIdentity(this WebApplication app)
    {
        IdentityEndpoints.Map(app);
        app.MapPost("/connect/token", TokenEndpoint.ExchangeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
