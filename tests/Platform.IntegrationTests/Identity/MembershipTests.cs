using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Authorization;
using Platform.Identity.Memberships;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class MembershipTests(PlatformFixture fixture)
{
    private async Task<(string Email, Guid UserId)> InviteAndAcceptAsync(SignedUp owner, string role, string? email = null, string? password = null)
    {
        email ??= $"member-{Guid.NewGuid():N}@example.test";
        using var api = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, PlatformRoles.Owner));
        var invitation = await (await api.PostAsJsonAsync("/api/v1/invitations", new { email, role })).ReadAsync<InvitationResponse>();
        Assert.Equal(role, invitation.Role);
        var link = new Uri(await fixture.FindMailLinkAsync(email, "/account/accept-invitation"));
        var token = QueryHelpers.ParseQuery(link.Query)["token"].ToString();
        using var anonymous = fixture.CreateClient();
        var accepted = await (await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{owner.Slug}/invitations/accept",
            new { token, password = password ?? Password, displayName = "Max Member" })).ReadAsync<AcceptInvitationResponse>();
        Assert.Equal(owner.TenantId, accepted.TenantId);
        return (email, accepted.UserId);
    }

    [Fact]
    public async Task Invitation_AcceptedByNewPerson_MemberWithRoleWhoCanSignIn()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        var (email, userId) = await InviteAndAcceptAsync(owner, PlatformRoles.BoxOffice);

        using var api = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, PlatformRoles.Admin));
        var members = await (await api.GetAsync("/api/v1/members")).ReadAsync<List<MemberResponse>>();
        Assert.Contains(members, m => m.UserId == userId && m.Role == PlatformRoles.BoxOffice);
        using var browser = Browser(fixture.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(browser, email, Password)).StatusCode);
    }

    [Fact]
    public async Task Invitation_ExistingUserOfAnotherTenant_JoinsWithOwnPasswordAndChoosesTenantAtSignIn()
    {
        var first = await fixture.SignUpConfirmedAsync();
        var second = await fixture.SignUpConfirmedAsync();
        var (_, userId) = await InviteAndAcceptAsync(second, PlatformRoles.Analyst, first.Email, first.Password);
        Assert.Equal(first.UserId, userId);

        var clientId = await fixture.RegisterAppClientAsync();
        var tokens = await AuthorizationCodeFlowAsync(fixture, clientId, first, second.TenantId, "events:read reports:read offline_access");
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken);
        Assert.Equal(second.TenantId.ToString(), jwt.GetClaim("tenant_id").Value);
        Assert.Equal(PlatformRoles.Analyst, jwt.GetClaim("role").Value);
        using var api = Bearer(fixture.Factory, tokens.AccessToken!);
        await (await api.GetAsync("/api/v1/members")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invitation_ExistingMemberOrOpenInvitation_Conflict()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        using var api = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, PlatformRoles.Owner));

        var member = await (await api.PostAsJsonAsync("/api/v1/invitations", new { email = owner.Email, role = "admin" })).ProblemAsync(HttpStatusCode.Conflict);
        var email = $"x-{Guid.NewGuid():N}@example.test";
        await (await api.PostAsJsonAsync("/api/v1/invitations", new { email, role = "scanner" })).ReadAsync<InvitationResponse>();
        var twice = await (await api.PostAsJsonAsync("/api/v1/invitations", new { email, role = "scanner" })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("already_member", member.Code());
        Assert.Equal("already_invited", twice.Code());
        var invalid = await (await api.PostAsJsonAsync("/api/v1/invitations", new { email = "y@example.test", role = "emperor" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("role", invalid.ErrorFields());
    }

    [Fact]
    public async Task AcceptInvitation_WrongTokenOrOtherTenantSlug_NotFound()
    {
        var a = await fixture.SignUpConfirmedAsync();
        var b = await fixture.SignUpConfirmedAsync();
        var email = $"x-{Guid.NewGuid():N}@example.test";
        using var api = fixture.CreateClient(TestCaller.TenantMember(a.TenantId, PlatformRoles.Owner));
        await (await api.PostAsJsonAsync("/api/v1/invitations", new { email, role = "scanner" })).ReadAsync<InvitationResponse>();
        var token = QueryHelpers.ParseQuery(new Uri(await fixture.FindMailLinkAsync(email, "/account/accept-invitation")).Query)["token"].ToString();
        using var anonymous = fixture.CreateClient();

        await (await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{b.Slug}/invitations/accept", new { token, password = Password }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{a.Slug}/invitations/accept", new { token = "nope", password = Password }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ChangeRoleAndRemove_LastOwner_Conflict()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        using var api = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, PlatformRoles.Owner));

        var demote = await (await api.PatchAsJsonAsync($"/api/v1/members/{owner.UserId}", new { role = "admin" })).ProblemAsync(HttpStatusCode.Conflict);
        var remove = await (await api.DeleteAsync($"/api/v1/members/{owner.UserId}")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("last_owner", demote.Code());
        Assert.Equal("last_owner", remove.Code());
        var (_, second) = await InviteAndAcceptAsync(owner, PlatformRoles.Owner);
        var demoted = await (await api.PatchAsJsonAsync($"/api/v1/members/{owner.UserId}", new { role = "admin" })).ReadAsync<MemberResponse>();
        Assert.Equal(PlatformRoles.Admin, demoted.Role);
        await (await api.DeleteAsync($"/api/v1/members/{second}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DemoteTwoOwnersConcurrently_ExactlyOneSucceeds()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        var (_, second) = await InviteAndAcceptAsync(owner, PlatformRoles.Owner);
        using var api = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, PlatformRoles.Owner));

        var results = await Task.WhenAll(
            api.PatchAsJsonAsync($"/api/v1/members/{owner.UserId}", new { role = "admin" }),
            api.PatchAsJsonAsync($"/api/v1/members/{second}", new { role = "finance" }));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        var members = await (await api.GetAsync("/api/v1/members")).ReadAsync<List<MemberResponse>>();
        Assert.Single(members, m => m.Role == PlatformRoles.Owner);
    }

    [Fact]
    public async Task MemberEndpoints_OtherTenantsUser_NotFound()
    {
        var a = await fixture.SignUpConfirmedAsync();
        var b = await fixture.SignUpConfirmedAsync();
        using var api = fixture.CreateClient(TestCaller.TenantMember(a.TenantId, PlatformRoles.Owner));

        await (await api.PatchAsJsonAsync($"/api/v1/members/{b.UserId}", new { role = "admin" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.DeleteAsync($"/api/v1/members/{b.UserId}")).ProblemAsync(HttpStatusCode.NotFound);
        var members = await (await api.GetAsync("/api/v1/members")).ReadAsync<List<MemberResponse>>();
        Assert.DoesNotContain(members, m => m.UserId == b.UserId);
    }
}
