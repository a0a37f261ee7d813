using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Authentication;

public static class AuthenticationExtensions
{
    public const string BearerScheme = "Bearer";

    /// <summary>
    /// Bearer-token authentication for the API. Until the authorization server is wired in, no token is accepted, so
    /// every protected endpoint answers 401 with a problem response (fail closed).
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, RejectingBearerHandler>(BearerScheme, _ => { });
        return builder;
    }
}
