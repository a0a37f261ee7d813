using System.Text;
using System.Text.Json;
using Microsoft.JSInterop;

namespace Platform.Console.Services;

/// <summary>
/// The signed-in person as the console knows them: the access and refresh tokens from /connect/token and what the
/// access token says (subject, email, tenant, roles). Tokens live in the tab's sessionStorage (ADR 0032): a reload
/// keeps the person signed in, closing the tab forgets them, and no other tab or site can read them.
/// </summary>
public sealed class ConsoleSession(IJSRuntime js)
{
    private const string StorageKey = "console.tokens";

    public event Action? Changed;

    public TokenSet? Tokens { get; private set; }

    public string? Email { get; private set; }

    public string? Name { get; private set; }

    public Guid? TenantId { get; private set; }

    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();

    public bool IsSignedIn => Tokens is not null;

    public async Task LoadAsync()
    {
        var json = await js.InvokeAsync<string?>("sessionStorage.getItem", StorageKey);
        Apply(string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TokenSet>(json));
    }

    public async Task SetAsync(TokenSet? tokens)
    {
        if (tokens is null)
        {
            await js.InvokeVoidAsync("sessionStorage.removeItem", StorageKey);
        }
        else
        {
            await js.InvokeVoidAsync("sessionStorage.setItem", StorageKey, JsonSerializer.Serialize(tokens));
        }

        Apply(tokens);
        Changed?.Invoke();
    }

    private void Apply(TokenSet? tokens)
    {
        Tokens = tokens;
        var claims = tokens is null ? default : ReadPayload(tokens.AccessToken);
        Email = Text(claims, "email");
        Name = Text(claims, "name");
        TenantId = Guid.TryParse(Text(claims, "tenant_id"), out var tenant) ? tenant : null;
        Roles = claims.ValueKind != JsonValueKind.Object || !claims.TryGetProperty("role", out var role) ? new HashSet<string>()
            : role.ValueKind == JsonValueKind.Array ? role.EnumerateArray().Select(r => r.GetString() ?? "").ToHashSet()
            : new HashSet<string> { role.GetString() ?? "" };
    }

    private static string? Text(JsonElement claims, string name) =>
        claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    /// <summary>
    /// The access token's claims, read without checking its signature: the console only decides what to show with
    /// them; the API checks the signature on every call and refuses whatever the role may not do.
    /// </summary>
    private static JsonElement ReadPayload(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            return default;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return default;
        }
    }
}

/// <summary>What /connect/token answered, with the moment the access token stops being accepted.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);
