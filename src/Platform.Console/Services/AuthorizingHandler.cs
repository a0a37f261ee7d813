using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components;

namespace Platform.Console.Services;

/// <summary>
/// Puts the access token on every API call, renews it with the refresh token shortly before it expires or when the
/// API answers 401, and when neither works sends the person through sign-in and back to the page they were on.
/// </summary>
public sealed class AuthorizingHandler(ConsoleSession session, PkceSignIn signIn, NavigationManager navigation) : DelegatingHandler
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (session.Tokens is { } tokens && tokens.ExpiresAt - Margin < DateTimeOffset.UtcNow)
        {
            await signIn.RefreshAsync();
        }

        var response = await SendWithTokenAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // A token revoked or expired early: one renewal, then one retry (request bodies here are buffered strings).
        if (await signIn.RefreshAsync())
        {
            response.Dispose();
            response = await SendWithTokenAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }
        }

        await signIn.BeginAsync(navigation.Uri);
        throw new SessionExpiredException();
    }

    private Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = session.Tokens is { } tokens ? new AuthenticationHeaderValue("Bearer", tokens.AccessToken) : null;
        return base.SendAsync(request, ct);
    }
}

/// <summary>Thrown after the person was sent to sign in: the page they were on is left and will be opened again.</summary>
public sealed class SessionExpiredException() : Exception("The session expired; signing in again.");
