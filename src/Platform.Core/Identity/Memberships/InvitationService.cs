using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Identity.Email;
using Platform.Identity.Users;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Identity.Memberships;

/// <summary>Invites people by email with a role; the emailed link carries a secret of which only a hash is stored.</summary>
public sealed class InvitationService(
    PlatformDbContext db, TenantContext tenant, TenantDirectory directory, UserManager<PlatformUser> users,
    SignInManager<PlatformUser> signIn, AccountEmails emails, AuditLog audit, TimeProvider clock, PasswordContext passwords)
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    public async Task<Invitation> CreateAsync(CreateInvitationRequest request, string invitedBy, CancellationToken ct)
    {
        var email = request.Email!.Trim();
        var normalized = users.NormalizeEmail(email);
        if (await users.FindByEmailAsync(email) is { } existing
            && await db.Set<TenantMembership>().AnyAsync(m => m.UserId == existing.Id, ct))
        {
            throw new ConflictException("already_member", "This person is already a member of the tenant; change their role instead.");
        }

        var now = clock.GetUtcNow();
        if (await db.Set<Invitation>().AnyAsync(i => i.NormalizedEmail == normalized && i.AcceptedAt == null
                                                     && i.RevokedAt == null && i.ExpiresAt > now, ct))
        {
            throw new ConflictException("already_invited", "An open invitation for this email exists; revoke it to send a new one.");
        }

        var token = WebEncodersToken();
        var invitation = new Invitation
        {
            Email = email,
            NormalizedEmail = normalized,
            Role = request.Role!,
            TokenHash = Hash(token),
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Validity,
        };
        db.Add(invitation);
        audit.Record("invitation.created", "invitation", invitation.Id.ToString());
        await db.SaveChangesAsync(ct);

        var snapshot = await directory.FindByIdAsync(db, tenant.RequiredTenantId, ct);
        await emails.SendInvitationAsync(email, snapshot!.DisplayName, snapshot.Slug, invitation.Role, token, ct);
        return invitation;
    }

    public async Task<Invitation> RevokeAsync(Guid id, CancellationToken ct)
    {
        var invitation = await db.Set<Invitation>().FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("invitation");
        if (invitation.AcceptedAt is not null || invitation.RevokedAt is not null)
        {
            throw new ConflictException("invitation_closed", "The invitation was already accepted or revoked.");
        }

        invitation.RevokedAt = clock.GetUtcNow();
        audit.Record("invitation.revoked", "invitation", invitation.Id.ToString());
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    /// <summary>
    /// Accepts within the invitation's tenant (resolved from the link's slug). A new account gets the password (the
    /// link proves the email); an existing account must give its password, counted towards lockout.
    /// </summary>
    public async Task<AcceptInvitationResponse> AcceptAsync(string tenantSlug, AcceptInvitationRequest request, CancellationToken ct)
    {
        if (!tenant.HasTenant)
        {
            var snapshot = await directory.FindBySlugAsync(db, tenantSlug, ct);
            if (snapshot is null || snapshot.IsSuspended)
            {
                throw new NotFoundException("invitation");
            }

            tenant.Set(snapshot.Id, snapshot.Slug);
        }

        var now = clock.GetUtcNow();
        var hash = Hash(request.Token!);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitation = await db.Set<Invitation>().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.RevokedAt is not null || invitation.ExpiresAt <= now)
        {
            throw new NotFoundException("invitation");
        }

        var user = await users.FindByEmailAsync(invitation.Email);
        if (user is null)
        {
            user = new PlatformUser
            {
                Email = invitation.Email,
                UserName = invitation.Email,
                EmailConfirmed = true,
                DisplayName = request.DisplayName?.Trim() ?? invitation.Email,
                CreatedAt = now,
            };
            // The new member's password must not be built from the organisation's name either.
            var named = await directory.FindBySlugAsync(db, tenantSlug, ct);
            passwords.Add(named?.DisplayName, named?.Slug ?? tenantSlug);
            await PasswordRules.EnsureValidAsync(users, user, request.Password!);
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                throw new ConflictException("account_conflict", "The account could not be created; try again.");
            }
        }
        else
        {
            var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
            if (!check.Succeeded || user.IsDisabled)
            {
                throw new UnprocessableException("invalid_credentials", "The password is not this account's password.",
                    new Dictionary<string, string[]> { ["password"] = ["The password is not this account's password."] });
            }

            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            if (await db.Set<TenantMembership>().AnyAsync(m => m.UserId == user.Id, ct))
            {
                throw new ConflictException("already_member", "You are already a member of this tenant.");
            }
        }

        db.Add(new TenantMembership { UserId = user.Id, Role = invitation.Role, CreatedAt = now, UpdatedAt = now });
        invitation.AcceptedAt = now;
        audit.Record("invitation.accepted", "invitation", invitation.Id.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AcceptInvitationResponse(tenant.RequiredTenantId, tenant.Slug ?? tenantSlug, user.Id, invitation.Role);
    }

    private static string WebEncodersToken() =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
