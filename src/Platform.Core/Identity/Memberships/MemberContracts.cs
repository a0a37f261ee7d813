using FluentValidation;
using Platform.Authorization;

namespace Platform.Identity.Memberships;

public sealed record MemberResponse(Guid UserId, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt);

public sealed record ChangeMemberRoleRequest(string? Role);

public sealed record CreateInvitationRequest(string? Email, string? Role);

public sealed record InvitationResponse(Guid Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt)
{
    public static InvitationResponse From(Invitation i) => new(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt);
}

/// <summary>Accepts an invitation: a new account is created with the password, an existing one must prove it.</summary>
public sealed record AcceptInvitationRequest(string? Token, string? Password, string? DisplayName);

public sealed record AcceptInvitationResponse(Guid TenantId, string TenantSlug, Guid UserId, string Role);

internal static class RoleRules
{
    public static IRuleBuilderOptions<T, string?> TenantRole<T>(this IRuleBuilder<T, string?> rule) => rule
        .Must(r => r is not null && PlatformRoles.TenantRoles.Contains(r))
        .WithMessage($"role must be one of: {string.Join(", ", PlatformRoles.TenantRoles)}.");
}

internal sealed class ChangeMemberRoleRequestValidator : AbstractValidator<ChangeMemberRoleRequest>
{
    public ChangeMemberRoleRequestValidator() => RuleFor(r => r.Role).TenantRole();
}

internal sealed class CreateInvitationRequestValidator : AbstractValidator<CreateInvitationRequest>
{
    public CreateInvitationRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("email is required.").EmailAddress().MaximumLength(256);
        RuleFor(r => r.Role).TenantRole();
    }
}

internal sealed class AcceptInvitationRequestValidator : AbstractValidator<AcceptInvitationRequest>
{
    public AcceptInvitationRequestValidator()
    {
        RuleFor(r => r.Token).NotEmpty().WithMessage("token is required.").MaximumLength(200);
        RuleFor(r => r.Password).NotEmpty().WithMessage("password is required.").MaximumLength(200);
        RuleFor(r => r.DisplayName).MaximumLength(200);
    }
}
