using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Authorization;
using Platform.Http;
using Platform.Identity.UserAdministration;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tenancy;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

/// <summary>GET /api/v1/admin/users: the platform admin's search over accounts, with every tenant and role they hold.</summary>
[Collection(PlatformCollection.Name)]
public sealed class UserSearchTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Search_ByEmail_FindsTheAccountWithItsRolesInEveryTenant()
    {
        var alice = await fixture.SignUpConfirmedAsync();
        var other = await fixture.SignUpConfirmedAsync();
        await JoinAsync(other, alice.Email, PlatformRoles.Finance);
        using var admin = fixture.CreateClient(Admin());

        var page = await (await admin.GetAsync($"/api/v1/admin/users?q={Uri.EscapeDataString(alice.Email.ToUpperInvariant())}"))
            .ReadAsync<CursorPage<AdminUserResponse>>();

        var user = Assert.Single(page.Data);
        Assert.Equal(alice.UserId, user.Id);
        Assert.False(user.IsDisabled);
        Assert.Equal(
            [(alice.Slug, PlatformRoles.Owner), (other.Slug, PlatformRoles.Finance)],
            user.Memberships.OrderBy(m => m.TenantSlug == alice.Slug ? 0 : 1).Select(m => (m.TenantSlug, m.Role)).ToList());
        Assert.All(user.Memberships, m => Assert.Equal(TenantStatus.Active, m.TenantStatus));
    }

    [Fact]
    public async Task Search_ByStatus_SeparatesDisabledAccounts()
    {
        var alice = await fixture.SignUpConfirmedAsync();
        using var admin = fixture.CreateClient(Admin());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{alice.UserId}/disable", null)).StatusCode);

        var q = Uri.EscapeDataString(alice.Email);
        var disabled = await (await admin.GetAsync($"/api/v1/admin/users?q={q}&status=disabled")).ReadAsync<CursorPage<AdminUserResponse>>();
        var active = await (await admin.GetAsync($"/api/v1/admin/users?q={q}&status=active")).ReadAsync<CursorPage<AdminUserResponse>>();

        Assert.True(Assert.Single(disabled.Data).IsDisabled);
        Assert.Empty(active.Data);
    }

    [Fact]
    public async Task Search_PagesWithTheCursor()
    {
        // Two new accounts whose e-mails share a token no other account has, so the pages are exactly theirs.
        var tenant = await fixture.SignUpConfirmedAsync();
        var token = Guid.NewGuid().ToString("N")[..10];
        string[] emails = [$"pager-{token}-a@example.test", $"pager-{token}-b@example.test"];
        foreach (var email in emails)
        {
            await JoinAsync(tenant, email, PlatformRoles.Scanner);
        }

        using var admin = fixture.CreateClient(Admin());
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await admin.GetAsync($"/api/v1/admin/users?q={token}&limit=1" + (cursor is null ? "" : "&cursor=" + cursor)))
                .ReadAsync<CursorPage<AdminUserResponse>>();
            Assert.True(page.Data.Count <= 1);
            seen.AddRange(page.Data.Select(u => u.Email));
            cursor = page.NextCursor;
        }
        while (cursor is not null && ++pages < 5);

        Assert.Equal(emails, seen.Order());
    }

    [Theory]
    [InlineData("status=gone", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=nonsense", "cursor")]
    public async Task Search_BadQuery_Problem400(string query, string field)
    {
        using var admin = fixture.CreateClient(Admin());

        var problem = await (await admin.GetAsync("/api/v1/admin/users?" + query)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid_query", problem.Code());
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task Search_LongQuery_Problem400()
    {
        using var admin = fixture.CreateClient(Admin());

        var problem = await (await admin.GetAsync("/api/v1/admin/users?q=" + new string('a', 101))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("q", problem.ErrorFields());
    }

    [Fact]
    public async Task Search_AsTenantOwner_Forbidden()
    {
        var alice = await fixture.SignUpConfirmedAsync();
        using var owner = fixture.CreateClient(TestCaller.TenantMember(alice.TenantId, PlatformRoles.Owner));

        await (await owner.GetAsync("/api/v1/admin/users")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>A platform admin of its own, so these tests do not share the rate limit of the fixture's usual admin.</summary>
    private static TestCaller Admin() => new($"platform-admin-{Guid.NewGuid():N}", Roles: [PlatformRoles.PlatformAdmin]);

    /// <summary>The owner of <paramref name="tenant"/> invites an existing account, which accepts with its password.</summary>
    private async Task JoinAsync(SignedUp tenant, string email, string role)
    {
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.TenantId, PlatformRoles.Owner));
        await (await owner.PostAsJsonAsync("/api/v1/invitations", new { email, role })).ReadAsync<object>();
        var link = new Uri(await fixture.FindMailLinkAsync(email, "/account/accept-invitation"));
        var token = QueryHelpers.ParseQuery(link.Query)["token"].ToString();
        using var anonymous = fixture.CreateClient();
        await (await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{tenant.Slug}/invitations/accept", new { token, password = Password }))
            .ReadAsync<object>();
    }
}
