using System.Security.Claims;

namespace Platform.Authorization;

/// <summary>
/// Who is calling, as one key: a person ("user:{sub}") or an API client acting for itself ("client:{id}"). A person's
/// token also names the app they signed in with (client_id "console" for every member using the console), so the
/// client id alone does not make a caller a client: only a client-credentials token, whose subject IS the client.
/// </summary>
public static class Callers
{
    /// <summary>A client-credentials token: the subject is the client itself.</summary>
    public static bool IsClient(ClaimsPrincipal user) =>
        user.FindFirst(PlatformClaims.ClientId)?.Value is { } client && user.FindFirst(PlatformClaims.Subject)?.Value == client;

    /// <summary>"client:{id}", "user:{sub}", or null for an anonymous caller.</summary>
    public static string? Key(ClaimsPrincipal user) =>
        IsClient(user) ? "client:" + user.FindFirst(PlatformClaims.ClientId)!.Value
        : user.FindFirst(PlatformClaims.Subject)?.Value is { } sub ? "user:" + sub
        : user.FindFirst(PlatformClaims.ClientId)?.Value is { } client ? "client:" + client
        : null;
}
