using System.Net;
using System.Net.Http.Json;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tenancy.Administration;

namespace Platform.IntegrationTests.Tenancy;

[Collection(PlatformCollection.Name)]
public sealed class TenantAdministrationTests(PlatformFixture fixture)
{
    private readonly HttpClient admin = fixture.CreateClient(TestCaller.PlatformAdmin);

    private static object ValidTenant(string slug) => new
    {
        slug,
        displayName = "Jade Theatre",
        kind = "venue",
        locale = "zh-CN",
        timeZone = "Asia/Shanghai",
        defaultCurrency = "CNY",
        plan = "standard",
        branding = new { logoUrl = "https://img.example/logo.png", primaryColor = "#00704a", accentColor = "#C8102E", customHost = $"{slug}.tickets.example" },
    };

    private static string NewSlug() => "jade-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CreateTenant_ValidRequest_ReturnsCreatedTenantWithLocation()
    {
        var slug = NewSlug();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/tenants", ValidTenant(slug));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tenant = await response.ReadAsync<TenantResponse>();
        Assert.Equal(slug, tenant.Slug);
        Assert.Equal("#00704A", tenant.Branding.PrimaryColor);
        Assert.Equal("CNY", tenant.DefaultCurrency);
        Assert.Equal($"/api/v1/admin/tenants/{tenant.Id}", response.Headers.Location?.ToString());

        var fetched = await (await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}")).ReadAsync<TenantResponse>();
        Assert.Equal("zh-CN", fetched.Locale);
        Assert.Equal("Asia/Shanghai", fetched.TimeZone);
    }

    [Fact]
    public async Task CreateTenant_DuplicateSlug_Returns409AndKeepsFirst()
    {
        var slug = NewSlug();
        (await admin.PostAsJsonAsync("/api/v1/admin/tenants", ValidTenant(slug))).EnsureSuccessStatusCode();

        var second = await admin.PostAsJsonAsync("/api/v1/admin/tenants", new
        {
            slug, displayName = "Other", kind = "promoter", locale = "en", timeZone = "UTC", defaultCurrency = "EUR",
        });

        var problem = await second.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("slug_taken", problem.Code());
        var list = await (await admin.GetAsync($"/api/v1/admin/tenants?q={slug}")).ReadAsync<CursorPage<TenantResponse>>();
        Assert.Equal("Jade Theatre", Assert.Single(list.Data).DisplayName);
    }

    [Theory]
    [InlineData("slug", "Bad_Slug")]
    [InlineData("slug", "ab")]
    [InlineData("slug", "admin")]
    [InlineData("defaultCurrency", "XYZ")]
    [InlineData("timeZone", "Mars/Olympus_Mons")]
    [InlineData("locale", "fr")]
    public async Task CreateTenant_InvalidField_Returns422NamingTheField(string field, string value)
    {
        var body = new Dictionary<string, object?>
        {
            ["slug"] = NewSlug(), ["displayName"] = "X", ["kind"] = "venue", ["locale"] = "en",
            ["timeZone"] = "Europe/Paris", ["defaultCurrency"] = "EUR",
        };
        body[field] = value;

        var problem = await (await admin.PostAsJsonAsync("/api/v1/admin/tenants", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("validation_failed", problem.Code());
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task CreateTenant_InvalidColour_Returns422NamingNestedField()
    {
        var body = new
        {
            slug = NewSlug(), displayName = "X", kind = "venue", locale = "en", timeZone = "Europe/Paris", defaultCurrency = "EUR",
            branding = new { primaryColor = "red" },
        };

        var problem = await (await admin.PostAsJsonAsync("/api/v1/admin/tenants", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("branding.primaryColor", problem.ErrorFields());
    }

    [Fact]
    public async Task CreateTenant_MissingFields_Returns422ListingEach()
    {
        var problem = await (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Superset(new HashSet<string> { "slug", "displayName", "kind", "locale", "timeZone", "defaultCurrency" },
            problem.ErrorFields().ToHashSet());
    }

    [Fact]
    public async Task ListTenants_FiltersAndCursor_PagesThroughMatchesOnly()
    {
        var marker = "pg" + Guid.NewGuid().ToString("N")[..8];
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/admin/tenants", new
            {
                slug = $"{marker}-{i}", displayName = $"Paged {i}", kind = i % 2 == 0 ? "venue" : "promoter",
                locale = "en", timeZone = "UTC", defaultCurrency = "USD",
            });
            created.Add((await response.ReadAsync<TenantResponse>()).Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/admin/tenants?q={marker}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await admin.GetAsync(url)).ReadAsync<CursorPage<TenantResponse>>();
            Assert.True(page.Data.Count <= 2);
            seen.AddRange(page.Data.Select(t => t.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(created, seen);
        var venues = await (await admin.GetAsync($"/api/v1/admin/tenants?q={marker}&kind=venue&status=active")).ReadAsync<CursorPage<TenantResponse>>();
        Assert.Equal(3, venues.Data.Count);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("cursor=not-a-cursor")]
    public async Task ListTenants_InvalidQuery_Returns400(string query)
    {
        var problem = await (await admin.GetAsync($"/api/v1/admin/tenants?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_query", problem.Code());
    }

    [Fact]
    public async Task GetTenant_UnknownId_Returns404()
    {
        var problem = await (await admin.GetAsync($"/api/v1/admin/tenants/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not_found", problem.Code());
    }

    [Fact]
    public async Task UpdateTenant_ChangesFieldsAndAuditsThem()
    {
        var tenant = await fixture.CreateTenantAsync();

        var updated = await (await admin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}", new
        {
            displayName = "Renamed", branding = new { accentColor = "#ABCDEF" },
        })).ReadAsync<TenantResponse>();

        Assert.Equal("Renamed", updated.DisplayName);
        Assert.Equal("#ABCDEF", updated.Branding.AccentColor);
        Assert.Equal(tenant.Locale, updated.Locale);
        Assert.NotEqual(tenant.Version, updated.Version);

        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        var audit = await (await owner.GetAsync("/api/v1/audit-log?entityType=tenant")).ReadAsync<CursorPage<Platform.Auditing.AuditEntryResponse>>();
        Assert.Equal(["tenant.created", "tenant.updated"], audit.Data.Select(a => a.Action));
        Assert.Equal("Renamed", audit.Data[1].Changes!.Value.GetProperty("displayName").GetProperty("to").GetString());
    }

    [Fact]
    public async Task UpdateTenant_StaleIfMatch_Returns409AndChangesNothing()
    {
        var tenant = await fixture.CreateTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/admin/tenants/{tenant.Id}")
        {
            Content = JsonContent.Create(new { displayName = "Lost update" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{tenant.Version + 1}\"");

        var problem = await (await admin.SendAsync(request)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("version_mismatch", problem.Code());
        var current = await (await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}")).ReadAsync<TenantResponse>();
        Assert.Equal(tenant.DisplayName, current.DisplayName);
    }

    [Fact]
    public async Task UpdateTenant_SlugInBody_Returns400AndChangesNothing()
    {
        var tenant = await fixture.CreateTenantAsync();

        var problem = await (await admin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}", new { slug = "hijack" }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("malformed_json", problem.Code());
        Assert.Equal(tenant.Slug, (await (await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}")).ReadAsync<TenantResponse>()).Slug);
    }

    [Fact]
    public async Task SuspendTenant_RefusesItsApiCallsAndPublicPages_ThenReactivateRestores()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        using var anonymous = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/audit-log")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/public/tenants/{tenant.Slug}")).StatusCode);

        var suspended = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}/suspend", new { reason = "Unpaid invoices" }))
            .ReadAsync<TenantResponse>();
        Assert.Equal(Platform.Tenancy.TenantStatus.Suspended, suspended.Status);

        Assert.Equal("tenant_suspended", (await (await owner.GetAsync("/api/v1/audit-log")).ProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal("tenant_suspended", (await (await anonymous.GetAsync($"/api/v1/public/tenants/{tenant.Slug}")).ProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal("tenant_already_suspended",
            (await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}/suspend", new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict)).Code());

        (await admin.PostAsync($"/api/v1/admin/tenants/{tenant.Id}/reactivate", null)).EnsureSuccessStatusCode();

        var audit = await (await owner.GetAsync("/api/v1/audit-log")).ReadAsync<CursorPage<Platform.Auditing.AuditEntryResponse>>();
        Assert.Equal(["tenant.created", "tenant.suspended", "tenant.reactivated"], audit.Data.Select(a => a.Action));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/public/tenants/{tenant.Slug}")).StatusCode);
    }

    [Fact]
    public async Task SuspendTenant_WithoutReason_Returns422()
    {
        var tenant = await fixture.CreateTenantAsync();
        var problem = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant.Id}/suspend", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("reason", problem.ErrorFields());
    }

    [Fact]
    public async Task AdminEndpoints_TenantOwnerOrAnonymous_AreRefused()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        using var anonymous = fixture.CreateClient();

        await (await anonymous.GetAsync("/api/v1/admin/tenants")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await owner.GetAsync("/api/v1/admin/tenants")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
