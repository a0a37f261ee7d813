using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Platform.IntegrationTests.AntiScalping;

/// <summary>
/// TestServer has no client address. Requests carrying <see cref="Header"/> get that address as the connection's
/// remote address, so tests can play buyers on many networks (the anti-scalping IP and /24 signals). Test hosts only.
/// </summary>
internal sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[Header].FirstOrDefault() is { } text && IPAddress.TryParse(text, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
