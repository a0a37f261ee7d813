using System.Net;
using System.Net.Http.Json;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Events;

/// <summary>
/// PATCH /api/v1/events/{id} with If-Match (the console's event editor sends the version it read): a stale version
/// is refused with 409 version_mismatch and changes nothing, so two people editing one event never lose an edit.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EventConcurrencyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task UpdateEvent_StaleIfMatch_Returns409AndKeepsTheOtherEdit()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();

        var first = await Patch(s.Owner, ev.Id, ev.Version, new { title = "First editor" });
        var firstSaved = await first.ReadAsync<EventResponse>();
        var second = await Patch(s.Owner, ev.Id, ev.Version, new { title = "Second editor" });

        Assert.Equal("version_mismatch", (await second.ProblemAsync(HttpStatusCode.Conflict)).Code());
        var current = await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}")).ReadAsync<EventResponse>();
        Assert.Equal("First editor", current.Title);
        Assert.NotEqual(ev.Version, firstSaved.Version);
        // The current version is accepted: the second editor saves after seeing the first's edit.
        Assert.Equal("Second editor", (await (await Patch(s.Owner, ev.Id, current.Version, new { title = "Second editor" })).ReadAsync<EventResponse>()).Title);
    }

    [Fact]
    public async Task UpdateEvent_MalformedIfMatch_Returns400AndAnotherTenantsEvent404()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var other = await EventScenario.CreateAsync(fixture);

        using var bad = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/events/{ev.Id}") { Content = JsonContent.Create(new { title = "x" }) };
        bad.Headers.TryAddWithoutValidation("If-Match", "\"not-a-version\"");
        Assert.Equal("invalid_if_match", (await (await s.Owner.SendAsync(bad)).ProblemAsync(HttpStatusCode.BadRequest)).Code());
        await (await Patch(other.Owner, ev.Id, ev.Version, new { title = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(ev.Title, (await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}")).ReadAsync<EventResponse>()).Title);
    }

    [Fact]
    public async Task UpdateEvent_WithIfMatch_ReadOnlyRolesAreRefused()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        foreach (var role in new[] { "box_office", "finance", "analyst" })
        {
            using var member = fixture.CreateClient(TestCaller.TenantMember(s.Tenant.Id, role));
            await (await Patch(member, ev.Id, ev.Version, new { title = role })).ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, Guid id, uint version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/events/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }
}
