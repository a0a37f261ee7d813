using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Identity.Email;
using Platform.Identity.Memberships;
using Platform.Identity.Users;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tenancy.Administration;

namespace Platform.Identity.Onboarding;

public sealed record SignUpTenantRequest(string? Slug, string? DisplayName, string? Locale, string? TimeZone, string? DefaultCurrency);

public sealed record SignUpRequest(string? Email, string? Password, string? DisplayName, SignUpTenantRequest? Tenant);

public sealed record SignUpResponse(Guid UserId, Guid TenantId, string TenantSlug, string Role);

internal sealed class SignUpRequestValidator : AbstractValidator<SignUpRequest>
{
    public SignUpRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("email is required.").EmailAddress().MaximumLength(256);
        RuleFor(r => r.Password).NotEmpty().WithMessage("password is required.").MaximumLength(200);
        RuleFor(r => r.DisplayName).NotEmpty().WithMessage("displayName is required.").MaximumLength(200);
        RuleFor(r => r.Tenant).NotNull().WithMessage("tenant is required.");
        RuleFor(r => r.Tenant!).ChildRules(t =>
        {
            t.RuleFor(x => x.Slug).TenantSlug();
            t.RuleFor(x => x.DisplayName).NotEmpty().WithMessage("displayName is required.").MaximumLength(200);
            t.RuleFor(x => x.Locale).Locale();
            t.RuleFor(x => x.TimeZone).TimeZone();
            t.RuleFor(x => x.DefaultCurrency).Currency();
        }).When(r => r.Tenant is not null);
    }
}

/// <summary>
/// Promoter self-onboarding: a new account and a new promoter tenant with that account as Owner. The tenant is
/// created through TenantAdministration (same rules as the admin API); if the account then cannot be created (an
/// email taken by a concurrent sign-up), the just-created tenant is deleted again, so no orphan tenant remains.
/// </summary>
internal sealed class SignUpService(
    PlatformDbContext db, UserManager<PlatformUser> users, TenantAdministration tenants, AccountEmails emails,
    AuditLog audit, TimeProvider clock, PasswordContext passwords)
{
    public async Task<SignUpResponse> SignUpAsync(SignUpRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var email = request.Email!.Trim();
        var user = new PlatformUser { Email = email, UserName = email, DisplayName = request.DisplayName!.Trim(), CreatedAt = now };
        var t = request.Tenant!;
        passwords.Add(t.DisplayName, t.Slug);
        await PasswordRules.EnsureValidAsync(users, user, request.Password!);
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw EmailTaken();
        }

        if (await db.Set<Tenant>().AnyAsync(x => x.Slug == t.Slug, ct))
        {
            throw new ConflictException("slug_taken", "Another tenant already uses this slug; choose another.");
        }

        var tenant = await tenants.CreateAsync(
            new CreateTenantRequest(t.Slug, t.DisplayName, TenantKind.Promoter, t.Locale, t.TimeZone, t.DefaultCurrency, null, null), ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                throw EmailTaken();
            }

            db.Add(new TenantMembership { UserId = user.Id, Role = PlatformRoles.Owner, CreatedAt = now, UpdatedAt = now });
            audit.Record("member.added", "member", user.Id.ToString());
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is ConflictException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await db.Set<AuditEntry>().Where(a => a.TenantId == tenant.Id).ExecuteDeleteAsync(ct);
            await db.Set<Tenant>().Where(x => x.Id == tenant.Id).ExecuteDeleteAsync(ct);
            if (ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
            {
                throw EmailTaken();
            }

            throw;
        }

        await emails.SendConfirmationAsync(user, ct);
        return new SignUpResponse(user.Id, tenant.Id, tenant.Slug, PlatformRoles.Owner);
    }

    private static ConflictException EmailTaken() =>
        new("email_taken", "An account with this email already exists: sign in, or use 'forgot password'.");
}
