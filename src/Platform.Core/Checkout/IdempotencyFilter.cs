using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tenancy;
using static Platform.Holds.CheckoutSql;

namespace Platform.Checkout;

/// <summary>
/// Idempotency-Key on POST: the same key with the same request within 24 h gets the first response again (status,
/// headers that matter, body); the same key with a different request is 422; a duplicate arriving while the first
/// is still running is 409. Keys are scoped per tenant and caller: the API client or user, or for anonymous buyers
/// the hold/order token they present (or the public storefront scope).
/// </summary>
internal sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Headers[Header].ToString() is not { Length: > 0 } key)
        {
            return await next(context);
        }

        if (key.Length > 255)
        {
            return ApiProblems.BadRequest("invalid_idempotency_key", "Idempotency-Key must be at most 255 characters.");
        }

        var services = http.RequestServices;
        var tenantId = services.GetRequiredService<TenantContext>().RequiredTenantId;
        var db = services.GetRequiredService<PlatformDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var scope = Scope(http);
        var hash = RequestHash(context, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

        var now = clock.GetUtcNow();
        if (!await ClaimAsync(db, tenantId, scope, key, hash, now, ct: http.RequestAborted))
        {
            var existing = await db.Set<IdempotencyKey>().AsNoTracking().FirstAsync(k => k.Scope == scope && k.Key == key, http.RequestAborted);
            if (existing.RequestHash != hash)
            {
                return ApiProblems.Unprocessable("idempotency_key_reused", "This Idempotency-Key was used with a different request.");
            }

            return existing.StatusCode is null
                ? ApiProblems.Conflict("idempotency_in_flight", "A request with this Idempotency-Key is still being processed.")
                : new ReplayResult(existing);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch (ApiException ex)
        {
            result = ApiProblems.Create(ex.Status, ex.Code, ex.Message, ex.Errors);
        }
        catch
        {
            // Nothing was committed for an unexpected failure: free the key so the client can retry.
            db.ChangeTracker.Clear();
            await db.Set<IdempotencyKey>().Where(k => k.Scope == scope && k.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        if (result is not IResult executable)
        {
            return result;
        }

        // Run the result into a buffer so its exact bytes can be stored and replayed.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.ToArray();
        db.ChangeTracker.Clear();
        await db.Set<IdempotencyKey>().Where(k => k.Scope == scope && k.Key == key).ExecuteUpdateAsync(u => u
            .SetProperty(k => k.StatusCode, http.Response.StatusCode)
            .SetProperty(k => k.ContentType, http.Response.ContentType)
            .SetProperty(k => k.Location, http.Response.Headers.Location.ToString())
            .SetProperty(k => k.ResponseBody, body), CancellationToken.None);
        await original.WriteAsync(body, http.RequestAborted);
        return EmptyHttpResult.Instance;
    }

    /// <summary>
    /// Inserts the key, or takes over one older than 24 h; false when a live row already holds it. One statement in
    /// one round trip with its tenant setting (it commits on its own, before the request's work starts).
    /// </summary>
    private static Task<bool> ClaimAsync(PlatformDbContext db, Guid tenantId, string scope, string key, string hash, DateTimeOffset now,
        CancellationToken ct) =>
        TenantBatch.OnConnectionAsync(db, async connection =>
        {
            await using var batch = new TenantBatch(connection, null, tenantId);
            var claim = batch.Add("""
                INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash, created_at) VALUES (@t, @s, @k, @h, @now)
                ON CONFLICT (tenant_id, scope, key) DO UPDATE
                    SET request_hash = excluded.request_hash, created_at = excluded.created_at, status_code = NULL, content_type = NULL,
                        location = NULL, response_body = NULL
                    WHERE idempotency_keys.created_at < @cutoff
                """, P("t", tenantId), P("s", scope), P("k", key), P("h", hash), P("now", now), P("cutoff", now - Lifetime));
            await batch.ExecuteAsync(ct);
            return claim.RecordsAffected == 1;
        }, ct);

    private static string Scope(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && HoldEndpoints.CreatedBy(user) is { } caller)
        {
            return caller;
        }

        var token = http.Request.Headers[HoldEndpoints.TokenHeader].ToString() is { Length: > 0 } h ? "hold:" + HoldService.HashToken(h)
            : http.Request.Headers[OrderTokens.Header].ToString() is { Length: > 0 } o ? "order:" + HoldService.HashToken(o)
            : null;
        return token ?? "anonymous";
    }

    /// <summary>The request's identity: method, path, query and the bound request body (not services or tokens).</summary>
    private static string RequestHash(EndpointFilterInvocationContext context, JsonSerializerOptions json)
    {
        var request = context.HttpContext.Request;
        var text = new StringBuilder().Append(request.Method).Append(' ').Append(request.Path).Append(request.QueryString);
        foreach (var argument in context.Arguments)
        {
            if (argument is not null && argument.GetType().Name.EndsWith("Request", StringComparison.Ordinal))
            {
                text.Append('\n').Append(JsonSerializer.Serialize(argument, argument.GetType(), json));
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed class ReplayResult(IdempotencyKey stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = stored.StatusCode!.Value;
            if (stored.ContentType is { Length: > 0 } type)
            {
                httpContext.Response.ContentType = type;
            }

            if (stored.Location is { Length: > 0 } location)
            {
                httpContext.Response.Headers.Location = location;
            }

            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            await httpContext.Response.Body.WriteAsync(stored.ResponseBody ?? [], httpContext.RequestAborted);
        }
    }
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>Makes every POST of the group honour Idempotency-Key.</summary>
    public static RouteGroupBuilder WithIdempotency(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<IdempotencyFilter>();
        return group;
    }
}
