using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Payments.Stripe;

namespace Platform.IntegrationTests.Payments.Stripe;

[Collection(PlatformCollection.Name)]
public sealed class StripeAccountTests(PlatformFixture fixture)
{
    private const string Path = "/api/v1/payments/stripe/account";

    [Fact]
    public async Task SetStripeAccount_ConnectThenOwnKeys_SecretsNeverReturnedAndStoredEncrypted()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 1);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Owner.GetAsync(Path)).StatusCode);

        var account = StripeFlow.NewAccountId();
        var connected = await (await s.Owner.PutAsJsonAsync(Path, new { connectedAccountId = account })).ReadAsync<StripeAccountResponse>();
        Assert.Equal((StripeAccountKind.Connect, account, "test", 250, 30L), (connected.Kind, connected.ConnectedAccountId, connected.Mode,
            connected.ApplicationFeeBasisPoints, connected.ApplicationFeeFixed));
        Assert.Equal(StripeFlow.Webhook, connected.WebhookUrl);
        Assert.Equal(StripeStandIn.PlatformPublishableKey, connected.PublishableKey);

        const string key = "sk_test_4eC39HqLyjWDarjtT1zdp7dcWXYZ";
        const string secret = "whsec_abcdefghijklmnop0123456789";
        const string publishable = "pk_test_TYooMQauvdEDq54NiTphI7jx";
        var own = await s.Owner.PutAsJsonAsync(Path, new { secretKey = key, webhookSecret = secret, publishableKey = publishable });
        var ownBody = await own.Content.ReadAsStringAsync();
        var fetched = await s.Owner.GetAsync(Path);
        var fetchedBody = await fetched.Content.ReadAsStringAsync();

        var response = await fetched.ReadAsync<StripeAccountResponse>();
        Assert.Equal((StripeAccountKind.OwnKeys, null, "WXYZ", true, "test", 0), (response.Kind, response.ConnectedAccountId, response.SecretKeyLast4,
            response.WebhookSecretSet, response.Mode, response.ApplicationFeeBasisPoints));
        Assert.Equal(publishable, response.PublishableKey);
        foreach (var body in new[] { ownBody, fetchedBody })
        {
            Assert.DoesNotContain(key, body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        var stored = await s.ScalarAsync<string>("SELECT secret_key_protected || webhook_secret_protected FROM stripe_accounts WHERE tenant_id = @t");
        Assert.DoesNotContain("4eC39HqLyjWDarjtT1zdp7dc", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnop", stored, StringComparison.Ordinal);
        Assert.Equal(2L, await s.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'stripe_account.set'"));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND changes::text LIKE '%4eC39HqLyjWDarjtT1zdp7dc%'"));

        Assert.Equal(HttpStatusCode.NoContent, (await s.Owner.DeleteAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Owner.GetAsync(Path)).StatusCode);
    }

    [Fact]
    public async Task SetStripeAccount_BadInput_422NamingTheField()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 1);

        var empty = await s.Owner.PutAsJsonAsync(Path, new { });
        var badAccount = await s.Owner.PutAsJsonAsync(Path, new { connectedAccountId = "not-an-account" });
        var both = await s.Owner.PutAsJsonAsync(Path, new { connectedAccountId = "acct_123", secretKey = "sk_test_123456789" });
        var noWebhookSecret = await s.Owner.PutAsJsonAsync(Path, new { secretKey = "sk_test_123456789" });
        var publishable = await s.Owner.PutAsJsonAsync(Path, new { secretKey = "pk_test_123456789", webhookSecret = "whsec_12345678" });
        var live = await s.Owner.PutAsJsonAsync(Path, new { secretKey = "sk_live_123456789abc", webhookSecret = "whsec_12345678", publishableKey = "pk_live_123456789abc" });
        var noPublishable = await s.Owner.PutAsJsonAsync(Path, new { secretKey = "sk_test_123456789", webhookSecret = "whsec_12345678" });
        var otherMode = await s.Owner.PutAsJsonAsync(Path, new { secretKey = "sk_test_123456789", webhookSecret = "whsec_12345678", publishableKey = "pk_live_123456789" });
        var secretAsPublishable = await s.Owner.PutAsJsonAsync(Path, new { secretKey = "sk_test_123456789", webhookSecret = "whsec_12345678", publishableKey = "sk_test_123456789" });
        var connectWithKey = await s.Owner.PutAsJsonAsync(Path, new { connectedAccountId = "acct_123", publishableKey = "pk_test_123456789" });

        Assert.Contains("connectedAccountId", (await empty.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("connectedAccountId", (await badAccount.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("secretKey", (await both.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("webhookSecret", (await noWebhookSecret.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("secretKey", (await publishable.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal("live_mode_not_allowed", (await live.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        foreach (var refused in new[] { noPublishable, otherMode, secretAsPublishable, connectWithKey })
        {
            Assert.Contains("publishableKey", (await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        }

        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM stripe_accounts WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task SetStripeAccount_NotTenantAdmin_403()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 1);
        using var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));

        var response = await boxOffice.PutAsJsonAsync(Path, new { connectedAccountId = StripeFlow.NewAccountId() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await boxOffice.GetAsync(Path)).StatusCode);
    }

    [Fact]
    public async Task GetStripeAccount_OtherTenantsAccount_Invisible()
    {
        var a = await CheckoutScenario.GaAsync(fixture, capacity: 1);
        var b = await CheckoutScenario.GaAsync(fixture, capacity: 1);
        await a.ConnectAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await b.Owner.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Owner.DeleteAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Owner.GetAsync(Path)).StatusCode);
    }
}
