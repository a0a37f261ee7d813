using FluentValidation;
using Platform.Authorization;

namespace Platform.Identity.OAuth;

public sealed record CreateApiClientRequest(string? Name, List<string>? Scopes);

public sealed record ApiClientResponse(Guid Id, string Name, string ClientId, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset SecretRotatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiClientResponse From(ApiClient c) => new(c.Id, c.Name, c.ClientId, c.Scopes, c.CreatedAt, c.SecretRotatedAt, c.RevokedAt);
}

/// <summary>Returned once, at creation and at rotation: the secret is stored only as a hash.</summary>
public sealed record ApiClientSecretResponse(ApiClientResponse Client, string ClientSecret, string TokenEndpoint);

internal sealed class CreateApiClientRequestValidator : AbstractValidator<CreateApiClientRequest>
{
    public CreateApiClientRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.").MaximumLength(200);
        RuleFor(r => r.Scopes).NotEmpty().WithMessage("scopes is required (at least one scope).");
        RuleForEach(r => r.Scopes).Must(s => PlatformScopes.All.Contains(s))
            .WithMessage($"each scope must be one of: {string.Join(", ", PlatformScopes.All)}.");
    }
}
