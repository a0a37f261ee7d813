using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Authentication;
using Platform.BackgroundJobs;
using Platform.IntegrationTests.Payments.Stripe;
using Platform.Persistence;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// One real PostgreSQL cluster and one migrated database for the whole test run, and the platform host on top of it
/// connecting as the application role through a pool of at most <see cref="MaxPoolSize"/> connections.
/// Tests isolate themselves by creating their own tenants, never by resetting the database.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const int MaxPoolSize = 5;
    public const string Database = "platform_tests";

    private PostgresCluster? cluster;

    public PostgresCluster Cluster => cluster ?? throw new InvalidOperationException("Not started.");

    private StripeStandIn? stripe;

    /// <summary>The local stand-in for Stripe's API that the host's Stripe.net talks to.</summary>
    public StripeStandIn Stripe => stripe ?? throw new InvalidOperationException("Not started.");

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public string AppConnectionString => Cluster.Connection(Database, "platform_app", MaxPoolSize);

    public string OwnerConnectionString => Cluster.Connection(Database, "platform_owner");

    public string SuperuserConnectionString => Cluster.Connection(Database, "postgres");

    public async Task InitializeAsync()
    {
        cluster = await PostgresCluster.StartAsync();
        await cluster.CreateDatabaseAsync(Database);
        await MigrateAsync();
        stripe = await StripeStandIn.StartAsync();

        Factory = NewFactory(runsOutboxDispatcher: true);
        _ = Factory.Server;
    }

    /// <summary>
    /// A second host on the same database, standing for another node of the deployment. It lives until the end of
    /// the run: Hangfire keeps process-wide static state (its log provider) bound to the last host built, so disposing
    /// a second host mid-run would break background jobs for every later test.
    /// </summary>
    public WebApplicationFactory<Program> SecondNode => secondNode ??= NewFactory();

    private WebApplicationFactory<Program>? secondNode;

    /// <summary>
    /// An HTTP-only node whose storefront pages stay output-cached for five minutes, so a test sees a page change only by
    /// eviction. Kept until the end of the run for the same Hangfire reason as <see cref="SecondNode"/>: a derived host
    /// disposed mid-run left every later background job (the webhook e-mails) unprocessed.
    /// </summary>
    public WebApplicationFactory<Program> LongCacheNode => longCacheNode ??= NewFactory().WithWebHostBuilder(host =>
    {
        host.UseSetting("BackgroundJobs:RunServer", "false");
        host.UseSetting("Storefront:CacheSeconds", "300");
    });

    private WebApplicationFactory<Program>? longCacheNode;

    /// <summary>
    /// An HTTP-only node whose free plan refills a request a second (burst 3), so its 429s say Retry-After: 1 and a
    /// client can be seen waiting one out in real time (Sdks/SdkRateLimitTests); on the other nodes the free plan's
    /// 1/min makes that a minute. Kept until the end of the run for the same Hangfire reason as <see cref="SecondNode"/>.
    /// </summary>
    public WebApplicationFactory<Program> QuickRefillNode => quickRefillNode ??= NewFactory().WithWebHostBuilder(host =>
    {
        host.UseSetting("BackgroundJobs:RunServer", "false");
        host.UseSetting("RateLimits:Plans:free:PermitsPerMinute", "60");
    });

    private WebApplicationFactory<Program>? quickRefillNode;

    /// <summary>
    /// The platform on a real Kestrel socket at <see cref="LoopbackUrl"/> (http://127.0.0.1:port), for clients that
    /// cannot use the in-memory test server: the SDK end-to-end tests (a separate node process among them). Built on
    /// first use and kept until the end of the run for the same Hangfire reason as <see cref="SecondNode"/>.
    /// </summary>
    public WebApplicationFactory<Program> LoopbackNode
    {
        get
        {
            if (loopbackNode is null)
            {
                // An HTTP-only node: jobs it enqueues run on the main host's Hangfire server, as for every other test.
                var factory = NewFactory().WithWebHostBuilder(host => host.UseSetting("BackgroundJobs:RunServer", "false"));
                factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
                factory.StartServer();
                var addresses = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                    .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
                LoopbackUrl = new Uri(addresses.Single());
                loopbackNode = factory;
            }

            return loopbackNode;
        }
    }

    /// <summary>The address <see cref="LoopbackNode"/> listens on (set once it has started).</summary>
    public Uri? LoopbackUrl { get; private set; }

    private WebApplicationFactory<Program>? loopbackNode;

    /// <summary>A redis-server of this run, started when a Redis node is first used (RedisNodes, SharedState tests).</summary>
    public RedisServer Redis => redis ??= RedisServer.Start();

    private RedisServer? redis;

    /// <summary>
    /// Two HTTP-only nodes on the same database sharing their rate-limit buckets and checkout admission in
    /// <see cref="Redis"/> (ADR 0061), with a cluster-wide checkout cap of <see cref="RedisClusterMaxInFlight"/>. Kept
    /// until the end of the run for the same Hangfire reason as <see cref="SecondNode"/>.
    /// </summary>
    public IReadOnlyList<WebApplicationFactory<Program>> RedisNodes => redisNodes ??= [RedisNode(Redis.Configuration), RedisNode(Redis.Configuration)];

    private IReadOnlyList<WebApplicationFactory<Program>>? redisNodes;

    public const int RedisClusterMaxInFlight = 2;

    /// <summary>A node configured with a Redis that is down (nothing listens on its port): the fallback to node-local limits.</summary>
    public WebApplicationFactory<Program> DeadRedisNode => deadRedisNode ??= RedisNode($"127.0.0.1:{RedisServer.FreePort()}");

    private WebApplicationFactory<Program>? deadRedisNode;

    /// <summary>
    /// Two HTTP-only nodes on the same database without Redis that share their limits in PostgreSQL
    /// (<c>SharedState:Store = Postgres</c>, ADR 0070), with the same cluster-wide checkout cap as <see cref="RedisNodes"/>.
    /// </summary>
    public IReadOnlyList<WebApplicationFactory<Program>> PostgresLimitNodes => postgresLimitNodes ??= [PostgresLimitNode(), PostgresLimitNode()];

    private IReadOnlyList<WebApplicationFactory<Program>>? postgresLimitNodes;

    private WebApplicationFactory<Program> PostgresLimitNode() => NewFactory().WithWebHostBuilder(host =>
    {
        host.UseSetting("BackgroundJobs:RunServer", "false");
        host.UseSetting("SharedState:Store", "Postgres");
        host.UseSetting("RateLimits:CheckoutAdmission:ClusterMaxInFlight", RedisClusterMaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    private WebApplicationFactory<Program> RedisNode(string configuration) => NewFactory().WithWebHostBuilder(host =>
    {
        host.UseSetting("BackgroundJobs:RunServer", "false");
        host.UseSetting("Redis:Configuration", configuration);
        host.UseSetting("RateLimits:CheckoutAdmission:ClusterMaxInFlight", RedisClusterMaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    /// <summary>
    /// A host on the test database. Only the main node (<see cref="Factory"/>) runs the outbox dispatcher: every node's
    /// dispatcher LISTENs to every commit and sweeps every 2 s, so each extra node only added sweeps (which, before ADR
    /// 0071, visited every lane of the hundreds of tenants of a full run and delayed the webhook and mail tests'
    /// deliveries past their waits: 8 failed in a clean-clone CI). No test needs a second dispatcher: the concurrent-dispatch test races
    /// <c>OutboxDispatcher.DispatchTenantAsync</c> calls on the main node, and every node's NOTIFY reaches the main node's
    /// listener because they share the database. Delivery pools stay on everywhere; one without a dispatcher is woken
    /// only by its own node's redelivery requests.
    /// </summary>
    private WebApplicationFactory<Program> NewFactory(bool runsOutboxDispatcher = false) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("Outbox:RunDispatcher", runsOutboxDispatcher ? "true" : "false");
            host.UseSetting("Database:ConnectionString", AppConnectionString);
            host.UseSetting("Database:OwnerConnectionString", OwnerConnectionString);
            host.UseSetting("BackgroundJobs:WorkerCount", "2");
            host.UseSetting("BackgroundJobs:SchedulePollingInterval", "00:00:01");
            // Receivers in the tests listen on 127.0.0.1; retries come quickly; nothing here hits a rate limit.
            host.UseSetting("Webhooks:AllowLoopback", "true");
            host.UseSetting("Webhooks:RetrySchedule:0", "00:00:00.2");
            host.UseSetting("Webhooks:RetrySchedule:1", "00:00:00.5");
            host.UseSetting("Outbox:SweepInterval", "00:00:02");
            // Limits far above any test's traffic (the pool test sends 2,000 requests), except the free plan, which
            // the rate-limit tests put their tenants on to meet a limit quickly.
            foreach (var bucket in new[] { "Plans:standard", "Plans:enterprise", "Anonymous", "Checkout", "SignIn" })
            {
                host.UseSetting($"RateLimits:{bucket}:PermitsPerMinute", "1000000");
                host.UseSetting($"RateLimits:{bucket}:Burst", bucket == "Plans:enterprise" ? "200000" : "100000");
            }

            // The concurrency tests fire hundreds of holds at once; node admission control is unit-tested on its own.
            host.UseSetting("RateLimits:CheckoutAdmission:MaxInFlight", "100000");
            // Likewise priority shedding: SheddingTests fills the in-flight count up to these thresholds itself.
            host.UseSetting("Shedding:BrowseAt", "10000");
            host.UseSetting("Shedding:HoldsAt", "20000");
            host.UseSetting("Shedding:OrdersAt", "30000");
            host.UseSetting("RateLimits:Plans:free:PermitsPerMinute", "1");
            host.UseSetting("RateLimits:Plans:free:Burst", "3");
            host.UseSetting("Logging:Console:FormatterName", "simple");
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            host.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.HttpLogging", "Warning");
            host.UseSetting("Email:PickupDirectory", MailDirectory);
            host.UseSetting("DataProtection:CertificatePath", KeyRingCertificate);
            host.UseSetting("DataProtection:CreateCertificateIfMissing", "true");
            host.UseSetting("Observability:ScrapeTokenSha256", Observability.Scrape.TokenSha256);
            host.UseSetting("Stripe:ApiBase", Stripe.ApiBase);
            host.UseSetting("Stripe:SecretKey", StripeStandIn.PlatformKey);
            host.UseSetting("Stripe:PublishableKey", StripeStandIn.PlatformPublishableKey);
            host.UseSetting("Stripe:WebhookSecret", StripeStandIn.PlatformWebhookSecret);
            host.UseSetting("Stripe:ApplicationFeeBasisPoints", "250");
            host.UseSetting("Stripe:ApplicationFeeFixed", "30");
            host.ConfigureTestServices(ConfigureTestAuthentication);
            // A lane that stalls only for tenants a test gates (Outbox/OutboxLaneTests): a stand-in for any slow consumer.
            host.ConfigureTestServices(s => s.AddScoped<global::Platform.Outbox.IOutboxHandler, Outbox.GatedLane>());
            host.ConfigureTestServices(services => services.AddSingleton<Platform.Checkout.IIdempotencyFaults>(Crashes));
            host.ConfigureTestServices(services => services.AddSingleton<Platform.Import.IImportFaults>(ImportCrashes));
            // Buyers on chosen networks (AntiScalping tests): X-Test-Remote-Address sets the connection's address.
            host.ConfigureTestServices(services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, AntiScalping.TestRemoteAddress>());
        });

    /// <summary>Stops chosen idempotent requests at a named step, as a crash would (Checkout/IdempotencyCrashTests).</summary>
    public Checkout.CrashInjector Crashes { get; } = new();

    /// <summary>Kills chosen import jobs between two batches (Import/ImportCrashTests).</summary>
    public Import.ImportCrashInjector ImportCrashes { get; } = new();

    /// <summary>Where the app's embedded email sender writes .eml files during the run.</summary>
    /// <summary>The certificate the Data Protection key ring is encrypted to, created by the first node that starts.</summary>
    public string KeyRingCertificate { get; } = Path.Combine(Path.GetTempPath(), "platform-tests-keyring-" + Guid.NewGuid().ToString("N")[..12] + ".pem");

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "platform-tests-mail-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>
    /// Requests with the X-Test-Caller header authenticate as that caller (so other capabilities' tests need no OAuth
    /// flow); every other request goes through the real OpenIddict token validation.
    /// </summary>
    public static void ConfigureTestAuthentication(IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { })
            .AddPolicyScheme(TestAuthHandler.SelectorScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(TestAuthHandler.Header) ? TestAuthHandler.SchemeName : AuthenticationExtensions.BearerScheme);
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = TestAuthHandler.SelectorScheme;
            o.DefaultAuthenticateScheme = TestAuthHandler.SelectorScheme;
            o.DefaultChallengeScheme = TestAuthHandler.SelectorScheme;
            o.DefaultForbidScheme = TestAuthHandler.SelectorScheme;
        });
    }

    /// <summary>Runs the same migrate step as the run command, as the schema owner.</summary>
    public Task MigrateAsync() =>
        new DatabaseMigrator(
                Options.Create(new DatabaseOptions { ConnectionString = AppConnectionString, OwnerConnectionString = OwnerConnectionString }),
                Options.Create(new BackgroundJobOptions()),
                NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);

    /// <summary>A client acting as <paramref name="caller"/> (anonymous when null).</summary>
    public HttpClient CreateClient(TestCaller? caller = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (caller is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.Header, caller.Encode());
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (secondNode is not null)
        {
            await secondNode.DisposeAsync();
        }

        if (loopbackNode is not null)
        {
            await loopbackNode.DisposeAsync();
        }

        if (longCacheNode is not null)
        {
            await longCacheNode.DisposeAsync();
        }

        if (quickRefillNode is not null)
        {
            await quickRefillNode.DisposeAsync();
        }

        foreach (var node in (redisNodes ?? []).Concat(postgresLimitNodes ?? []).Append(deadRedisNode).OfType<WebApplicationFactory<Program>>())
        {
            await node.DisposeAsync();
        }

        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (stripe is not null)
        {
            await stripe.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        redis?.Dispose();

        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }

        File.Delete(KeyRingCertificate);
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
