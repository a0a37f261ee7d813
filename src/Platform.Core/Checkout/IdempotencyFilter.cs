using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Checkout;

/// <summary>
/// Idempotency-Key on POST: the same key with the same request within 24 h gets the first response again (status,
/// headers that matter, body); the same key with a different request is 422; a duplicate arriving while the first
/// is still running is 409 with Retry-After. Keys are scoped per tenant and caller: the API client or user, or for
/// anonymous buyers the hold/order token they present (or the public storefront scope).
/// A success is stored by the work's own transaction (<see cref="IdempotencyRecord"/>); any other answer (nothing was
/// committed) is stored after it. A claim left unanswered past its lease — its node died, or the database dropped
/// it — is taken over by the next identical request (ADR 0019). Stored bodies are encrypted (they can carry tokens).
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyRecord record, IIdempotencyFaults faults, IOptions<IdempotencyOptions> options) : IEndpointFilter
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
        var claim = new IdempotencyClaim(tenantId, scope, key, Guid.CreateVersion7(), http);
        if (http.GetEndpoint()?.Metadata.GetMetadata<ClaimsWithFirstReadMetadata>() is not null)
        {
            // The claim rides on the endpoint's first read (one round trip less, issue #20); the endpoint settles it
            // before it writes, and what it leaves unsettled is settled below.
            record.DeferClaim(db, claim, hash, now, now + options.Value.Lease);
        }
        else if (!await ClaimAsync(db, claim, hash, now, now + options.Value.Lease, http.RequestAborted))
        {
            faults.At(IIdempotencyFaults.Refused, http);
            return await AnswerExistingAsync(db, scope, key, hash, now, http.RequestAborted);
        }
        else
        {
            faults.At(IIdempotencyFaults.Claimed, http);
            record.Claim = claim;
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch (ClaimRefusedException)
        {
            faults.At(IIdempotencyFaults.Refused, http);
            return await AnswerExistingAsync(db, scope, key, hash, now, http.RequestAborted);
        }
        catch (ApiException ex)
        {
            result = ApiProblems.Create(ex.Status, ex.Code, ex.Message, ex.Errors, ex.Extensions);
        }
        catch
        {
            // Nothing was committed for an unexpected failure (a success's answer commits with its work): free the key
            // so the client can retry at once. If the database is what failed, this fails too and the lease frees it.
            faults.At(IIdempotencyFaults.Releasing, http);
            await ReleaseAsync(db, claim);
            throw;
        }

        // A deferred claim the endpoint did not settle (it answered before or without confirming it): its answer may only
        // be stored by the key's owner, and a request that does not own the key gets the owner's answer instead.
        if (!await record.SettleClaimAsync(http.RequestAborted))
        {
            faults.At(IIdempotencyFaults.Refused, http);
            return await AnswerExistingAsync(db, scope, key, hash, now, http.RequestAborted);
        }

        if (result is not IResult executable)
        {
            return result;
        }

        faults.At(IIdempotencyFaults.Committed, http);

        // Run the result into a buffer so its exact bytes can be stored (when not stored already) and sent.
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
        if (record.Prepared is null || http.Response.StatusCode is < 200 or >= 300)
        {
            // Not a committed success (a refusal, a 404, a decline): nothing of the work committed, so the answer is
            // stored on its own — by this claim only, never over an answer or another request's claim.
            db.ChangeTracker.Clear();
            await db.Set<IdempotencyKey>()
                .Where(k => k.Scope == scope && k.Key == key && k.ClaimId == claim.ClaimId && k.StatusCode == null)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(k => k.StatusCode, http.Response.StatusCode)
                    .SetProperty(k => k.ContentType, http.Response.ContentType)
                    .SetProperty(k => k.Location, http.Response.Headers.Location.ToString())
                    .SetProperty(k => k.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(k => k.ResponseBody, record.Protect(body)), CancellationToken.None);
        }

        await original.WriteAsync(body, http.RequestAborted);
        return EmptyHttpResult.Instance;
    }

    /// <summary>The key is someone else's: 422 for another request, 409 while it runs, else its stored answer.</summary>
    private async Task<IResult> AnswerExistingAsync(PlatformDbContext db, string scope, string key, string hash, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Set<IdempotencyKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Scope == scope && k.Key == key, ct);
        if (existing is null)
        {
            // The request that held the key failed and released it between our claim and this read: nothing is stored
            // and nothing runs now, so the client may retry at once (this was a 500 before, seen in the cluster drill).
            return new InFlightResult(1);
        }

        if (existing.RequestHash != hash)
        {
            return ApiProblems.Unprocessable("idempotency_key_reused", "This Idempotency-Key was used with a different request.");
        }

        if (existing.StatusCode is not { } status)
        {
            var wait = existing.LeaseUntil is { } until && until > now ? until - now : TimeSpan.Zero;
            return new InFlightResult(Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
        }

        return new ReplayResult(new StoredResponse(status, existing.ContentType, existing.Location,
            existing.ResponseBody is { } body ? record.Unprotect(body) : []));
    }

    /// <summary>
    /// Claims the key (<see cref="IdempotencyClaimStatement"/>); false when a live row holds it. One autocommit statement
    /// with its tenant setting, in one round trip.
    /// </summary>
    internal static Task<bool> ClaimAsync(PlatformDbContext db, IdempotencyClaim claim, string hash, DateTimeOffset now, DateTimeOffset lease,
        CancellationToken ct) =>
        TenantBatch.OnConnectionAsync(db, async connection =>
        {
            await using var batch = new TenantBatch(connection, null, claim.TenantId);
            var (sql, parameters) = IdempotencyClaimStatement.For(claim, hash, now, lease);
            var insert = batch.Add(sql, parameters);
            await batch.ExecuteAsync(ct);
            return insert.RecordsAffected == 1;
        }, ct);

    /// <summary>Frees an unanswered claim of this request; best effort (the lease covers a failure here).</summary>
    private static async Task ReleaseAsync(PlatformDbContext db, IdempotencyClaim claim)
    {
        try
        {
            db.ChangeTracker.Clear();
            await db.Set<IdempotencyKey>().Where(k => k.Scope == claim.Scope && k.Key == claim.Key && k.ClaimId == claim.ClaimId && k.StatusCode == null)
                .ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or DbUpdateException)
        {
            // The original failure is what the client must hear about (it is rethrown by the caller).
        }
    }

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

    private sealed class ReplayResult(StoredResponse stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = stored.Status;
            if (stored.ContentType is { Length: > 0 } type)
            {
                httpContext.Response.ContentType = type;
            }

            if (stored.Location is { Length: > 0 } location)
            {
                httpContext.Response.Headers.Location = location;
            }

            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            await httpContext.Response.Body.WriteAsync(stored.Body, httpContext.RequestAborted);
        }
    }

    private sealed class InFlightResult(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Conflict("idempotency_in_flight", "A request with this Idempotency-Key is still being processed; retry after Retry-After seconds.")
                .ExecuteAsync(httpContext);
        }
    }
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>Makes every POST of the group honour Idempotency-Key.</summary>
    public static RouteGroupBuilder WithIdempotency(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<IdempotencyFilter>();
        group.WithMetadata(IdempotentEndpointMetadata.Instance);
        return group;
    }
}
