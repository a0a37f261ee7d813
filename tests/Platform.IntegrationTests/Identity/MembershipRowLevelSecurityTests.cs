using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using Platform.Authorization;
using Platform.Identity.Memberships;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

/// <summary>The membership_self policy (docs/adr/0003) as the application role sees it, straight in SQL.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MembershipRowLevelSecurityTests(PlatformFixture fixture)
{
    [Fact]
    public async Task UserSetting_ShowsOnlyOwnMembershipsAcrossTenants_AndAllowsNoWrites()
    {
        var a = await fixture.SignUpConfirmedAsync();
        var b = await fixture.SignUpConfirmedAsync();
        using (var ownerB = fixture.CreateClient(TestCaller.TenantMember(b.TenantId, PlatformRoles.Owner)))
        {
            await (await ownerB.PostAsJsonAsync("/api/v1/invitations", new { email = a.Email, role = PlatformRoles.Scanner })).ReadAsync<InvitationResponse>();
        }

        var token = QueryHelpers.ParseQuery(new Uri(await fixture.FindMailLinkAsync(a.Email, "/account/accept-invitation")).Query)["token"].ToString();
        using (var anonymous = fixture.CreateClient())
        {
            await (await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{b.Slug}/invitations/accept", new { token, password = a.Password }))
                .ReadAsync<AcceptInvitationResponse>();
        }

        await using var db = new NpgsqlConnection(fixture.AppConnectionString);
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db, tx);
            command.Parameters.AddWithValue("a", a.UserId);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tenant_memberships WHERE @a IS NOT NULL"));
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.user_id', '{a.UserId}', true)", db, tx))
        {
            await set.ExecuteNonQueryAsync();
        }

        Assert.Equal(2, await CountAsync("SELECT count(DISTINCT tenant_id) FROM tenant_memberships WHERE user_id = @a"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tenant_memberships WHERE user_id <> @a"));
        await using var update = new NpgsqlCommand("UPDATE tenant_memberships SET role = 'owner' WHERE user_id = @a", db, tx);
        update.Parameters.AddWithValue("a", a.UserId);
        Assert.Equal(0, await update.ExecuteNonQueryAsync());
    }
}
