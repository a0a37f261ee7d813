using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Authorization;
using Platform.Http;
using Platform.Identity.Memberships;
using Platform.Identity.OAuth;
using Platform.Identity.Onboarding;
using Platform.Identity.Users;
using Platform.Persistence;
using Platform.Tenancy.PublicProfile;

namespace Platform.Identity;

/// <summary>The identity API: sign-up, members, invitations, API clients and platform user administration.</summary>
internal static class IdentityEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/signup", SignUpAsync).WithTags("Onboarding").AllowAnonymous().WithStandardProblems()
            .WithName("SignUp")
            .WithSummary("Creates an account and a new promoter tenant with that account as Owner; sends an email confirmation link.")
            .WithValidation<SignUpRequest>().ProducesProblem(StatusCodes.Status409Conflict);

        var members = app.MapGroup("/api/v1/members").WithTags("Members")
            .RequireAuthorization(Policies.TenantAdmin).WithStandardProblems();
        members.MapGet("", ListMembersAsync).WithName("ListMembers").WithSummary("Lists the tenant's members and their roles.");
        members.MapPatch("/{userId:guid}", ChangeRoleAsync).WithName("ChangeMemberRole")
            .WithSummary("Gives a member another role; the last Owner cannot be demoted.")
            .WithValidation<ChangeMemberRoleRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        members.MapDelete("/{userId:guid}", RemoveMemberAsync).WithName("RemoveMember")
            .WithSummary("Removes a member from the tenant; the last Owner cannot be removed.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var invitations = app.MapGroup("/api/v1/invitations").WithTags("Members")
            .RequireAuthorization(Policies.TenantAdmin).WithStandardProblems();
        invitations.MapPost("", InviteAsync).WithName("CreateInvitation")
            .WithSummary("Invites a person by email with a role; the email carries an acceptance link valid for 7 days.")
            .WithValidation<CreateInvitationRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        invitations.MapGet("", ListInvitationsAsync).WithName("ListInvitations").WithSummary("Lists the tenant's invitations.");
        invitations.MapPost("/{id:guid}/revoke", RevokeInvitationAsync).WithName("RevokeInvitation")
            .WithSummary("Revokes an open invitation.").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost(TenantProfileEndpoints.PublicTenantPrefix + "/invitations/accept", AcceptInvitationAsync)
            .WithTags("Members").AllowAnonymous().WithStandardProblems().WithName("AcceptInvitation")
            .WithSummary("Accepts an invitation with the token from its email: creates the account, or joins an existing one (its password required).")
            .WithValidation<AcceptInvitationRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var clients = app.MapGroup("/api/v1/api-clients").WithTags("API clients")
            .RequireAuthorization(Policies.TenantAdmin).WithStandardProblems();
        clients.MapPost("", CreateClientAsync).WithName("CreateApiClient")
            .WithSummary("Registers a server-to-server client (client credentials) with chosen scopes; the secret is shown once.")
            .WithValidation<CreateApiClientRequest>();
        clients.MapGet("", ListClientsAsync).WithName("ListApiClients").WithSummary("Lists the tenant's API clients.");
        clients.MapGet("/{id:guid}", GetClientAsync).WithName("GetApiClient").WithSummary("Gets one API client.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{id:guid}/rotate-secret", RotateClientAsync).WithName("RotateApiClientSecret")
            .WithSummary("Issues a new secret (shown once); the old one stops working.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapPost("/{id:guid}/revoke", RevokeClientAsync).WithName("RevokeApiClient")
            .WithSummary("Revokes the client: it gets no new tokens and its issued tokens stop working.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var users = app.MapGroup("/api/v1/admin/users").WithTags("User administration")
            .RequireAuthorization(Policies.PlatformAdmin).WithStandardProblems();
        users.MapGet("", UserAdministration.UserSearch.ListAsync).WithName("ListUsers")
            .WithSummary("Lists accounts, searched by e-mail or name (q) and status (active, disabled), with each account's tenants and roles.");
        users.MapPost("/{id:guid}/disable", DisableUserAsync).WithName("DisableUser")
            .WithSummary("Disables an account: it cannot sign in and its tokens are revoked.").ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/enable", EnableUserAsync).WithName("EnableUser")
            .WithSummary("Enables a disabled account.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<SignUpResponse>> SignUpAsync(SignUpRequest request, SignUpService service, CancellationToken ct)
    {
        var result = await service.SignUpAsync(request, ct);
        return TypedResults.Created($"/api/v1/members/{result.UserId}", result);
    }

    private static async Task<Ok<List<MemberResponse>>> ListMembersAsync(PlatformDbContext db, CancellationToken ct)
    {
        var rows = await db.Set<TenantMembership>()
            .Join(db.Set<PlatformUser>(), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email, u.DisplayName, m.Role, m.CreatedAt })
            .OrderBy(m => m.Email).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new MemberResponse(r.Id, r.Email!, r.DisplayName, r.Role, r.CreatedAt)).ToList());
    }

    private static async Task<Ok<MemberResponse>> ChangeRoleAsync(
        Guid userId, ChangeMemberRoleRequest request, MembershipService service, UserManager<PlatformUser> users, CancellationToken ct)
    {
        var member = await service.ChangeRoleAsync(userId, request.Role!, ct);
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("member");
        return TypedResults.Ok(new MemberResponse(user.Id, user.Email!, user.DisplayName, member.Role, member.CreatedAt));
    }

    private static async Task<NoContent> RemoveMemberAsync(Guid userId, MembershipService service, CancellationToken ct)
    {
        await service.RemoveAsync(userId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<InvitationResponse>> InviteAsync(
        CreateInvitationRequest request, InvitationService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var invitation = await service.CreateAsync(request, user.FindFirst(PlatformClaims.Subject)?.Value ?? "unknown", ct);
        return TypedResults.Created($"/api/v1/invitations/{invitation.Id}", InvitationResponse.From(invitation));
    }

    private static async Task<Ok<List<InvitationResponse>>> ListInvitationsAsync(PlatformDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Invitation>().OrderByDescending(i => i.Id).Take(500).ToListAsync(ct))
            .Select(InvitationResponse.From).ToList());

    private static async Task<Ok<InvitationResponse>> RevokeInvitationAsync(Guid id, InvitationService service, CancellationToken ct) =>
        TypedResults.Ok(InvitationResponse.From(await service.RevokeAsync(id, ct)));

    private static async Task<Ok<AcceptInvitationResponse>> AcceptInvitationAsync(
        string tenant, AcceptInvitationRequest request, InvitationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.AcceptAsync(tenant, request, ct));

    private static async Task<Created<ApiClientSecretResponse>> CreateClientAsync(
        CreateApiClientRequest request, ApiClientService service, ClaimsPrincipal user, HttpRequest http, CancellationToken ct)
    {
        var (client, secret) = await service.CreateAsync(request, user.FindFirst(PlatformClaims.Subject)?.Value ?? "unknown", ct);
        return TypedResults.Created($"/api/v1/api-clients/{client.Id}",
            new ApiClientSecretResponse(ApiClientResponse.From(client), secret, $"{http.Scheme}://{http.Host}/connect/token"));
    }

    private static async Task<Ok<List<ApiClientResponse>>> ListClientsAsync(PlatformDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<ApiClient>().OrderBy(c => c.Id).ToListAsync(ct)).Select(ApiClientResponse.From).ToList());

    private static async Task<Results<Ok<ApiClientResponse>, ProblemHttpResult>> GetClientAsync(
        Guid id, ApiClientService service, CancellationToken ct) =>
        await service.FindAsync(id, ct) is { } client ? TypedResults.Ok(ApiClientResponse.From(client)) : ApiProblems.NotFound("API client");

    private static async Task<Results<Ok<ApiClientSecretResponse>, ProblemHttpResult>> RotateClientAsync(
        Guid id, ApiClientService service, HttpRequest http, CancellationToken ct)
    {
        if (await service.FindAsync(id, ct) is not { } client)
        {
            return ApiProblems.NotFound("API client");
        }

        var (rotated, secret) = await service.RotateSecretAsync(client, ct);
        return TypedResults.Ok(new ApiClientSecretResponse(ApiClientResponse.From(rotated), secret, $"{http.Scheme}://{http.Host}/connect/token"));
    }

    private static async Task<Results<Ok<ApiClientResponse>, ProblemHttpResult>> RevokeClientAsync(
        Guid id, ApiClientService service, CancellationToken ct) =>
        await service.FindAsync(id, ct) is { } client
            ? TypedResults.Ok(ApiClientResponse.From(await service.RevokeAsync(client, ct)))
            : ApiProblems.NotFound("API client");

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableUserAsync(
        Guid id, UserManager<PlatformUser> users, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return ApiProblems.NotFound("user");
        }

        user.IsDisabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await authorizations.RevokeBySubjectAsync(user.Id.ToString(), ct);
        await tokens.RevokeBySubjectAsync(user.Id.ToString(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EnableUserAsync(Guid id, UserManager<PlatformUser> users, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return ApiProblems.NotFound("user");
        }

        user.IsDisabled = false;
        await users.UpdateAsync(user);
        return TypedResults.NoContent();
    }
}
