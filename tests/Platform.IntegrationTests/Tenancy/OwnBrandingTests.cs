using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tenancy.Branding;
using Platform.Tenancy.PublicProfile;

namespace Platform.IntegrationTests.Tenancy;

/// <summary>A tenant's Owner or Admin sets its own logo and colours (the console's onboarding); the storefront shows them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OwnBrandingTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Admin_SetsLogoAndColours_StorefrontProfileShowsThem_OtherTenantUntouched()
    {
        var tenant = await fixture.CreateTenantAsync("brand");
        var other = await fixture.CreateTenantAsync("brand");
        using var admin = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "admin"));

        var set = await (await admin.PatchAsJsonAsync("/api/v1/tenant/branding",
            new { logoUrl = "https://img.example/harbour.png", primaryColor = "#0a3d62", accentColor = "#e58e26" })).ReadAsync<OwnBrandingResponse>();

        Assert.Equal(("#0A3D62", "#E58E26", $"/t/{tenant.Slug}"), (set.PrimaryColor, set.AccentColor, set.StorefrontPath));
        using var anonymous = fixture.CreateClient();
        var profile = await (await anonymous.GetAsync($"/api/v1/public/tenants/{tenant.Slug}")).ReadAsync<TenantProfileResponse>();
        Assert.Equal(("https://img.example/harbour.png", "#0A3D62", "#E58E26"), (profile.LogoUrl, profile.PrimaryColor, profile.AccentColor));
        var untouched = await (await anonymous.GetAsync($"/api/v1/public/tenants/{other.Slug}")).ReadAsync<TenantProfileResponse>();
        Assert.Equal((other.Branding.PrimaryColor, other.Branding.LogoUrl), (untouched.PrimaryColor, untouched.LogoUrl));

        // Omitted fields keep their value.
        var again = await (await admin.PatchAsJsonAsync("/api/v1/tenant/branding", new { accentColor = "#112233" })).ReadAsync<OwnBrandingResponse>();
        Assert.Equal(("https://img.example/harbour.png", "#0A3D62", "#112233"), (again.LogoUrl, again.PrimaryColor, again.AccentColor));
        Assert.Equal("#112233", (await (await admin.GetAsync("/api/v1/tenant/branding")).ReadAsync<OwnBrandingResponse>()).AccentColor);
    }

    [Theory]
    [InlineData("logoUrl", "http://img.example/logo.png")]
    [InlineData("primaryColor", "blue")]
    [InlineData("accentColor", "#12345")]
    public async Task BadValue_Answers422NamingTheField_AndChangesNothing(string field, string value)
    {
        var tenant = await fixture.CreateTenantAsync("brand");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));

        var problem = await (await owner.PatchAsJsonAsync("/api/v1/tenant/branding", new Dictionary<string, string> { [field] = value }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(field, problem.ErrorFields());
        var now = await (await owner.GetAsync("/api/v1/tenant/branding")).ReadAsync<OwnBrandingResponse>();
        Assert.Equal((tenant.Branding.LogoUrl, tenant.Branding.PrimaryColor, tenant.Branding.AccentColor), (now.LogoUrl, now.PrimaryColor, now.AccentColor));
    }
}
