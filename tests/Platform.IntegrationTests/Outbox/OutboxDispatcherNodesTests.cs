using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.IntegrationTests.Infrastructure;
using global::Platform.Outbox;

namespace Platform.IntegrationTests.Outbox;

/// <summary>
/// The fixture runs one outbox dispatcher, the main node's: every further node's dispatcher swept every tenant's lanes
/// again, which late in a full run delayed the webhook and mail tests' deliveries past their waits.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxDispatcherNodesTests(PlatformFixture fixture)
{
    [Fact]
    public void Fixture_OnlyTheMainNode_RunsAnOutboxDispatcher()
    {
        Assert.True(RunsDispatcher(fixture.Factory), "the main node runs no outbox dispatcher: nothing would be dispatched");
        Assert.False(RunsDispatcher(fixture.SecondNode), "the second node runs an outbox dispatcher of its own");
    }

    private static bool RunsDispatcher(WebApplicationFactory<Program> node) =>
        node.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Any();
}
