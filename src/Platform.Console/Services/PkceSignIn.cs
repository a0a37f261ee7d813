using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Platform.Console.Services;

/// <summary>
/// Authorization code + PKCE (S256) against the platform's own OpenIddict server as the public client "console"
/// (ADR 0032): no secret, exact redirect URI /console/signin-callback, the verifier never leaves the tab. The
/// place the person was going is kept with the verifier, so an expired session comes back to the same page.
/// </summary>
public sealed class PkceSignIn(NavigationManager navigation, IJSRuntime js, ConsoleSession session, IHttpClientFactory httpFactory)
{
    public const string ClientId = "console";
    public const string CallbackPath = "signin-callback";

    /// <summary>Every scope a staff role can use; the API still grants each call by role (docs/roles.md).</summary>
    public const string Scopes = "profile email offline_access tenants:admin events:read events:write orders:read orders:write reports:read webhooks:manage tickets:checkin";

    private const string PendingKey = "console.signin";

    private string RedirectUri => navigation.BaseUri + CallbackPath;

    /// <summary>Leaves for the authorization endpoint. <paramref name="chooseTenant"/> asks the consent page again (the tenant switcher).</summary>
    public async Task BeginAsync(string returnUrl, bool chooseTenant = false)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var pending = new PendingSignIn(state, verifier, LocalPath(returnUrl));
        await js.InvokeVoidAsync("sessionStorage.setItem", PendingKey, JsonSerializer.Serialize(pending));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId, ["response_type"] = "code", ["redirect_uri"] = RedirectUri, ["scope"] = Scopes,
            ["state"] = state, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
            ["prompt"] = chooseTenant ? "consent" : null,
            // OpenID Connect's ui_locales: the sign-in and consent pages speak the console's language (ADR 0037).
            ["ui_locales"] = System.Globalization.CultureInfo.CurrentUICulture.Name,
        };
        navigation.NavigateTo(navigation.ToAbsoluteUri("/connect/authorize") + QueryString(query), forceLoad: true);
    }

    /// <summary>Redeems the code the authorization endpoint sent back; answers where to go next, or null when the answer is not ours.</summary>
    public async Task<string?> CompleteAsync(string? code, string? state)
    {
        var json = await js.InvokeAsync<string?>("sessionStorage.getItem", PendingKey);
        await js.InvokeVoidAsync("sessionStorage.removeItem", PendingKey);
        if (string.IsNullOrEmpty(json) || code is null || JsonSerializer.Deserialize<PendingSignIn>(json) is not { } pending
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.State), Encoding.ASCII.GetBytes(state ?? "")))
        {
            return null;
        }

        var tokens = await RequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code, ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = pending.Verifier,
        });
        if (tokens is null)
        {
            return null;
        }

        await session.SetAsync(tokens);
        return pending.ReturnUrl;
    }

    /// <summary>A new access token from the refresh token; false (and signed out) when the server no longer accepts it.</summary>
    public async Task<bool> RefreshAsync()
    {
        if (session.Tokens?.RefreshToken is not { } refresh)
        {
            return false;
        }

        var tokens = await RequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = refresh,
        });
        await session.SetAsync(tokens);
        return tokens is not null;
    }

    /// <summary>Revokes the refresh token and forgets both, then offers the platform's own sign-out page (which ends the browser's sign-in).</summary>
    public async Task SignOutAsync()
    {
        if (session.Tokens?.RefreshToken is { } refresh)
        {
            using var http = httpFactory.CreateClient(nameof(PkceSignIn));
            using var revoke = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = ClientId, ["token"] = refresh, ["token_type_hint"] = "refresh_token",
            });
            try
            {
                using var _ = await http.PostAsync(navigation.ToAbsoluteUri("/connect/revoke"), revoke);
            }
            catch (HttpRequestException)
            {
                // Offline: the token is forgotten here anyway and expires on its own.
            }
        }

        await session.SetAsync(null);
        navigation.NavigateTo(navigation.ToAbsoluteUri("/account/logout").ToString(), forceLoad: true);
    }

    private async Task<TokenSet?> RequestAsync(Dictionary<string, string> form)
    {
        using var http = httpFactory.CreateClient(nameof(PkceSignIn));
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(navigation.ToAbsoluteUri("/connect/token"), content);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>();
        return answer?.AccessToken is null ? null
            : new TokenSet(answer.AccessToken, answer.RefreshToken, DateTimeOffset.UtcNow.AddSeconds(answer.ExpiresIn));
    }

    /// <summary>Only a path inside the console is a place to come back to (never another site: an open redirect).</summary>
    private string LocalPath(string returnUrl)
    {
        var absolute = navigation.ToAbsoluteUri(returnUrl).ToString();
        return absolute.StartsWith(navigation.BaseUri, StringComparison.Ordinal) ? absolute[navigation.BaseUri.Length..] : "";
    }

    private static string QueryString(Dictionary<string, string?> query) =>
        "?" + string.Join('&', query.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record PendingSignIn(string State, string Verifier, string ReturnUrl);

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
