using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;
using Platform.SharedState;
using Platform.Tenancy;

namespace Platform.RateLimiting;

/// <summary>The checkout bucket as a singleton, so the headers can read the tokens it has left.</summary>
internal sealed record CheckoutRateLimiter(PartitionedRateLimiter<HttpContext> Limiter);

/// <summary>What the limiter decided a request is: its partition and its bucket (kept for the headers).</summary>
internal sealed record RateLimitPartitionInfo(string Key, int Limit, double PerSecond);

/// <summary>
/// ASP.NET Core's rate limiter, partitioned per API client, per user, or per IP for anonymous calls, with token
/// buckets from the tenant's plan. The buckets live in Redis when one is configured (or in PostgreSQL when a deployment
/// of several nodes has no Redis), so they hold across nodes, and in this node's memory otherwise or while the store is
/// unavailable (<see cref="SharedTokenBucket"/>, ADR 0061, 0070).
/// </summary>
public static class RateLimitingExtensions
{
    private const string GlobalItem = "ratelimit.global";
    private const string CheckoutItem = "ratelimit.checkout";
    private const string PlanItem = "ratelimit.plan";

    public static IHostApplicationBuilder AddPlatformRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddSharedCounters();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            var shared = sp.GetRequiredService<ISharedLimitStore>();
            return PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                if (IsCredentialSubmission(ctx))
                {
                    var ip = $"signin:{ctx.Connection.RemoteIpAddress}:{options.SignIn.PermitsPerMinute}:{options.SignIn.Burst}";
                    var signIn = new RateLimitPartitionInfo(ip, options.SignIn.Burst, options.SignIn.PermitsPerMinute / 60.0);
                    ctx.Items[GlobalItem] = signIn;
                    return TokenBucket(signIn, shared);
                }

                // Health probes, pages and the benchmark baseline are infrastructure, not API calls.
                if (!ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var info = Partition(ctx, options, Bucket(ctx, options, ctx.Items[PlanItem] as string));
                ctx.Items[GlobalItem] = info;
                return TokenBucket(info, shared);
            });
        });
        builder.Services.AddSingleton(sp => new CheckoutRateLimiter(
            CheckoutLimiter(sp.GetRequiredService<IOptions<RateLimitOptions>>().Value, sp.GetRequiredService<ISharedLimitStore>())));
        builder.Services.AddSingleton<ClusterAdmission>();
        builder.Services.AddSingleton<CheckoutAdmission>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            // The checkout bucket is chained after the plan's bucket here rather than built by a named policy: a
            // policy's limiters live inside the middleware, where nothing can read how many tokens are left, and
            // hold and order answers then had no RateLimit-Remaining (issue #13). The named policy stays as the
            // marker endpoints attach (RequireRateLimiting) and limits nothing itself.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                sp.GetRequiredService<PartitionedRateLimiter<HttpContext>>(), sp.GetRequiredService<CheckoutRateLimiter>().Limiter);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicies.Checkout, _ => RateLimitPartition.GetNoLimiter(RateLimitPolicies.Checkout));
            o.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>The stricter checkout bucket, for endpoints that carry the <see cref="RateLimitPolicies.Checkout"/> policy.</summary>
    private static PartitionedRateLimiter<HttpContext> CheckoutLimiter(RateLimitOptions options, ISharedLimitStore shared) =>
        PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
        {
            if (!IsCheckout(ctx))
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }

            var info = Partition(ctx, options, options.Checkout);
            info = info with { Key = "checkout:" + info.Key };
            ctx.Items[CheckoutItem] = info;
            return TokenBucket(info, shared);
        });

    /// <summary>A POST to the OAuth endpoints (/connect/token: client secrets, refresh tokens) or the account pages (passwords).</summary>
    private static bool IsCredentialSubmission(HttpContext ctx) =>
        HttpMethods.IsPost(ctx.Request.Method)
        && (ctx.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase)
            || ctx.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase));

    private static bool IsCheckout(HttpContext ctx) =>
        ctx.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitPolicies.Checkout;

    /// <summary>
    /// Place right after authentication (partitions need the caller; the plan comes from the token's tenant) and
    /// before tenant resolution, so calls refused there are counted too.
    /// </summary>
    public static WebApplication UsePlatformRateLimiting(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (Guid.TryParse(context.User.FindFirst(PlatformClaims.TenantId)?.Value, out var tenantId))
            {
                context.Items[PlanItem] = await PlanAsync(context, tenantId);
            }

            context.Response.OnStarting(() =>
            {
                var info = context.Items[CheckoutItem] as RateLimitPartitionInfo ?? context.Items[GlobalItem] as RateLimitPartitionInfo;
                if (context.Response.StatusCode != StatusCodes.Status429TooManyRequests && info is not null)
                {
                    // The bucket the headers describe: the checkout one where it applies (the stricter), else the plan's.
                    var limiter = context.Items[CheckoutItem] is null
                        ? context.RequestServices.GetRequiredService<PartitionedRateLimiter<HttpContext>>()
                        : context.RequestServices.GetRequiredService<CheckoutRateLimiter>().Limiter;
                    WriteHeaders(context, info, (int)(limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0));
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
        app.UseRateLimiter();
        // After the per-caller buckets, so a caller over its own limit never takes one of the node's checkout slots.
        var admission = app.Services.GetRequiredService<CheckoutAdmission>();
        app.Use(admission.InvokeAsync);
        return app;
    }

    private static async Task<string> PlanAsync(HttpContext context, Guid tenantId)
    {
        var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
        return await cache.GetOrCreateAsync($"tenant:plan:{tenantId}", async entry =>
        {
            // Plan changes by platform admins take effect within this time on every node.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            var db = context.RequestServices.GetRequiredService<PlatformDbContext>();
            return await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Plan).SingleOrDefaultAsync(context.RequestAborted);
        }) ?? TenantPlans.Standard;
    }

    private static BucketLimit Bucket(HttpContext ctx, RateLimitOptions options, string? plan) =>
        IsAnonymous(ctx) ? options.Anonymous : options.ForPlan(plan);

    private static bool IsAnonymous(HttpContext ctx) => ctx.User.Identity?.IsAuthenticated != true;

    private static RateLimitPartitionInfo Partition(HttpContext ctx, RateLimitOptions options, BucketLimit limit)
    {
        var user = ctx.User;
        // Each member signed in through the console has a bucket of their own, not one shared by the console client.
        var key = (user.Identity?.IsAuthenticated == true ? Callers.Key(user) : null) ?? $"ip:{ctx.Connection.RemoteIpAddress}";
        return new RateLimitPartitionInfo($"{key}:{limit.PermitsPerMinute}:{limit.Burst}", limit.Burst, limit.PermitsPerMinute / 60.0);
    }

    /// <summary>The partition's bucket: in the shared store when one is configured (Redis, or PostgreSQL), else in this node's memory.</summary>
    private static RateLimitPartition<string> TokenBucket(RateLimitPartitionInfo info, ISharedLimitStore shared) => shared.Enabled
        ? RateLimitPartition.Get(info.Key, key => new SharedTokenBucket(key, info, shared, LocalBucket(info)))
        : RateLimitPartition.GetTokenBucketLimiter(info.Key, _ => LocalBucket(info));

    /// <summary>Refills a share every 100 ms, so the sustained rate holds without step-shaped bursts.</summary>
    private static TokenBucketRateLimiterOptions LocalBucket(RateLimitPartitionInfo info) =>
        new()
        {
            TokenLimit = info.Limit,
            TokensPerPeriod = Math.Max(1, (int)Math.Round(info.PerSecond / 10)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(info.PerSecond >= 10 ? 0.1 : Math.Max(1, 1 / info.PerSecond)),
            QueueLimit = 0,
            AutoReplenishment = true,
        };

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var info = http.Items[CheckoutItem] as RateLimitPartitionInfo ?? http.Items[GlobalItem] as RateLimitPartitionInfo;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (info is not null)
        {
            WriteHeaders(http, info, 0, seconds);
        }

        await ApiProblems.Create(StatusCodes.Status429TooManyRequests, "rate_limited",
            $"Too many requests; retry after {seconds} second(s).").ExecuteAsync(http);
    }

    private static void WriteHeaders(HttpContext context, RateLimitPartitionInfo info, int remaining, int? reset = null)
    {
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = info.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);

        // Seconds until the bucket is full again.
        var full = reset ?? (int)Math.Ceiling((info.Limit - Math.Max(0, remaining)) / info.PerSecond);
        headers["RateLimit-Reset"] = Math.Max(0, full).ToString(CultureInfo.InvariantCulture);
    }
}
