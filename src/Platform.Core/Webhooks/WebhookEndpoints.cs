using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Webhooks;

internal static class WebhookEndpoints
{
    public const string Prefix = "/api/v1/webhooks";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Webhooks")
            .RequireAuthorization(Policies.WebhooksManage).WithStandardProblems();

        group.MapGet("/endpoints", ListAsync).WithName("ListWebhookEndpoints")
            .WithSummary("Lists the tenant's webhook endpoints, with disabledReason/disabledAt for disabled ones.");
        group.MapGet("/endpoints/{id:guid}", GetAsync).WithName("GetWebhookEndpoint")
            .WithSummary("Gets one webhook endpoint (never its secret).").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/endpoints", CreateAsync).WithName("CreateWebhookEndpoint")
            .WithSummary("Registers an https endpoint for event types (wildcards like order.*) and an optional filter; the response carries the signing secret once.")
            .WithValidation<CreateWebhookEndpointRequest>();
        group.MapPatch("/endpoints/{id:guid}", UpdateAsync).WithName("UpdateWebhookEndpoint")
            .WithSummary("Changes an endpoint's url, event types, filter or description; enabled=true re-enables it.")
            .WithValidation<UpdateWebhookEndpointRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/endpoints/{id:guid}", DeleteAsync).WithName("DeleteWebhookEndpoint")
            .WithSummary("Deletes an endpoint with its delivery log.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/endpoints/{id:guid}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithSummary("Issues a new signing secret; the previous one keeps signing (a second signature) during the overlap window.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/endpoints/{id:guid}/test", PingAsync).WithName("SendWebhookTestEvent")
            .WithSummary("Sends a webhook.test event to this endpoint through the normal delivery path.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/endpoints/{id:guid}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("Lists an endpoint's deliveries (kept 30 days), newest last, optionally by status.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/deliveries/{id:guid}/attempts", ListAttemptsAsync).WithName("ListWebhookDeliveryAttempts")
            .WithSummary("Lists a delivery's attempts: status code, latency, response excerpt (≤ 1 KB) and error.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/deliveries/{id:guid}/redeliver", RedeliverAsync).WithName("RedeliverWebhook")
            .WithSummary("Sends a delivery again now, with the same webhook-id, restarting its retry schedule.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/endpoints/{id:guid}/redeliver-failed", RedeliverFailedAsync).WithName("RedeliverFailedWebhooks")
            .WithSummary("Sends every failed delivery of this endpoint created since `since` (and before `until`, if given) again, with their webhook-ids, restarting their retry schedules; undelivered messages are kept 30 days.")
            .WithValidation<RedeliverFailedRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<CursorPage<WebhookEndpointResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<WebhookEndpoint>().AsNoTracking();
        if (after is { } afterId)
        {
            query = query.Where(e => e.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, e => e.Id, WebhookEndpointResponse.From));
    }

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> GetAsync(Guid id, PlatformDbContext db, CancellationToken ct) =>
        await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } e
            ? TypedResults.Ok(WebhookEndpointResponse.From(e))
            : ApiProblems.NotFound("webhook endpoint");

    private static async Task<Results<Created<CreatedWebhookEndpointResponse>, ProblemHttpResult>> CreateAsync(
        CreateWebhookEndpointRequest request, PlatformDbContext db, WebhookUrlGuard guard, WebhookSecretVault vault, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (await guard.RefusalAsync(request.Url!, ct) is { } refusal)
        {
            return UrlRefused(refusal);
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSigner.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Url = request.Url!,
            Description = request.Description,
            EventTypes = [.. request.EventTypes!.Distinct(StringComparer.Ordinal)],
            Filter = FilterJson(request.Filter),
            ProtectedSecret = vault.Protect(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(endpoint);
        audit.Record("webhook_endpoint.created", "webhook_endpoint", endpoint.Id.ToString(),
            new Dictionary<string, FieldChange> { ["url"] = new(null, endpoint.Url), ["eventTypes"] = new(null, endpoint.EventTypes) });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Prefix}/endpoints/{endpoint.Id}",
            new CreatedWebhookEndpointResponse(WebhookEndpointResponse.From(endpoint), secret));
    }

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateWebhookEndpointRequest request, PlatformDbContext db, WebhookUrlGuard guard, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } endpoint)
        {
            return ApiProblems.NotFound("webhook endpoint");
        }

        if (request.Url is not null && await guard.RefusalAsync(request.Url, ct) is { } refusal)
        {
            return UrlRefused(refusal);
        }

        var changes = new ChangeSet();
        changes.Set("url", endpoint.Url, request.Url, v => endpoint.Url = v);
        changes.Set("description", endpoint.Description, request.Description, v => endpoint.Description = v);
        if (request.EventTypes is not null)
        {
            changes.Set("eventTypes", string.Join(',', endpoint.EventTypes), string.Join(',', request.EventTypes),
                _ => endpoint.EventTypes = [.. request.EventTypes.Distinct(StringComparer.Ordinal)]);
        }

        if (request.Filter is not null)
        {
            changes.Set("filter", endpoint.Filter ?? "null", FilterJson(request.Filter) ?? "null",
                v => endpoint.Filter = v == "null" ? null : v);
        }

        changes.Set<bool?>("enabled", endpoint.Enabled, request.Enabled, value =>
        {
            var v = value!.Value;
            endpoint.Enabled = v;
            if (v)
            {
                endpoint.DisabledReason = null;
                endpoint.DisabledAt = null;
                endpoint.FailingSince = null;
                endpoint.FailureNotifiedAt = null;
            }
            else
            {
                endpoint.Disable(DisabledReasons.Manual, clock.GetUtcNow());
            }
        });

        if (changes.Changes.Count > 0)
        {
            endpoint.UpdatedAt = clock.GetUtcNow();
            audit.Record("webhook_endpoint.updated", "webhook_endpoint", endpoint.Id.ToString(), changes.Changes);
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(WebhookEndpointResponse.From(endpoint));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        if (await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } endpoint)
        {
            return ApiProblems.NotFound("webhook endpoint");
        }

        db.Remove(endpoint);
        audit.Record("webhook_endpoint.deleted", "webhook_endpoint", endpoint.Id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateAsync(
        Guid id, PlatformDbContext db, WebhookSecretVault vault, AuditLog audit, IOptionsMonitor<WebhookOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        if (await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } endpoint)
        {
            return ApiProblems.NotFound("webhook endpoint");
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSigner.NewSecret();
        endpoint.PreviousProtectedSecret = endpoint.ProtectedSecret;
        endpoint.PreviousSecretExpiresAt = now + options.CurrentValue.RotationOverlap;
        endpoint.ProtectedSecret = vault.Protect(secret);
        endpoint.UpdatedAt = now;
        audit.Record("webhook_endpoint.secret_rotated", "webhook_endpoint", endpoint.Id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new WebhookSecretResponse(secret, endpoint.PreviousSecretExpiresAt));
    }

    private static async Task<Results<Accepted<WebhookTestResponse>, ProblemHttpResult>> PingAsync(
        Guid id, PlatformDbContext db, Outbox.OutboxWriter outbox, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } endpoint)
        {
            return ApiProblems.NotFound("webhook endpoint");
        }

        if (!endpoint.Enabled)
        {
            return ApiProblems.Conflict("endpoint_disabled", "The endpoint is disabled; enable it first.");
        }

        var eventId = outbox.Add(WebhookRules.TestEventType, new WebhookTestData(endpoint.Id.ToString(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"{Prefix}/endpoints/{id}/deliveries", new WebhookTestResponse(eventId));
    }

    private static async Task<Results<Ok<CursorPage<WebhookDeliveryResponse>>, ProblemHttpResult>> ListDeliveriesAsync(
        Guid id, PlatformDbContext db, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (!QueryValues.TryParseEnum<DeliveryStatus>(status, out var statusFilter))
        {
            errors["status"] = [$"status must be one of: {QueryValues.Allowed<DeliveryStatus>()}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        if (!await db.Set<WebhookEndpoint>().AnyAsync(e => e.Id == id, ct))
        {
            return ApiProblems.NotFound("webhook endpoint");
        }

        var query = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == id);
        if (statusFilter is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        if (after is { } afterId)
        {
            query = query.Where(d => d.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(d => d.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, d => d.Id, WebhookDeliveryResponse.From));
    }

    private static async Task<Results<Ok<CursorPage<WebhookAttemptResponse>>, ProblemHttpResult>> ListAttemptsAsync(
        Guid id, PlatformDbContext db, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        if (!await db.Set<WebhookDelivery>().AnyAsync(d => d.Id == id, ct))
        {
            return ApiProblems.NotFound("webhook delivery");
        }

        var query = db.Set<WebhookAttempt>().AsNoTracking().Where(a => a.DeliveryId == id);
        if (after is { } afterId)
        {
            query = query.Where(a => a.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, a => a.Id, WebhookAttemptResponse.From));
    }

    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        Guid id, PlatformDbContext db, WebhookDeliveryPool pool, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == id, ct) is not { } delivery)
        {
            return ApiProblems.NotFound("webhook delivery");
        }

        if (!await db.Set<WebhookEndpoint>().AnyAsync(e => e.Id == delivery.EndpointId && e.Enabled, ct))
        {
            return ApiProblems.Conflict("endpoint_disabled", "The delivery's endpoint is disabled; enable it first.");
        }

        if (delivery.Status == DeliveryStatus.Pending && delivery.AttemptCount == 0)
        {
            return ApiProblems.Conflict("delivery_pending", "The delivery has not been attempted yet.");
        }

        // The retry schedule starts over from here; attempt numbers keep counting.
        delivery.Status = DeliveryStatus.Pending;
        delivery.ScheduleStart = delivery.AttemptCount;
        delivery.NextAttemptAt = clock.GetUtcNow();
        audit.Record("webhook_delivery.redelivered", "webhook_delivery", delivery.Id.ToString());
        await db.SaveChangesAsync(ct);
        pool.Wake(delivery.TenantId);
        return TypedResults.Accepted($"{Prefix}/deliveries/{id}/attempts", WebhookDeliveryResponse.From(delivery));
    }

    /// <summary>Bulk redelivery after an outage: one UPDATE puts every matching failed delivery back in the pool's queue.</summary>
    private static async Task<Results<Accepted<RedeliverFailedResponse>, ProblemHttpResult>> RedeliverFailedAsync(
        Guid id, RedeliverFailedRequest request, PlatformDbContext db, WebhookDeliveryPool pool, AuditLog audit, TimeProvider clock,
        Platform.Tenancy.TenantContext tenant, CancellationToken ct)
    {
        if (await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } endpoint)
        {
            return ApiProblems.NotFound("webhook endpoint");
        }

        if (!endpoint.Enabled)
        {
            return ApiProblems.Conflict("endpoint_disabled", "The endpoint is disabled; enable it first.");
        }

        var since = request.Since!.Value;
        var until = request.Until ?? DateTimeOffset.MaxValue;
        var now = clock.GetUtcNow();
        var count = await db.Set<WebhookDelivery>()
            .Where(d => d.EndpointId == id && d.Status == DeliveryStatus.Failed && d.CreatedAt >= since && d.CreatedAt < until)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.ScheduleStart, d => d.AttemptCount)
                .SetProperty(d => d.NextAttemptAt, now), ct);
        audit.Record("webhook_endpoint.redelivered_failed", "webhook_endpoint", id.ToString(),
            new Dictionary<string, FieldChange> { ["since"] = new(null, since), ["until"] = new(null, request.Until), ["count"] = new(null, count) });
        await db.SaveChangesAsync(ct);
        pool.Wake(tenant.RequiredTenantId);
        return TypedResults.Accepted($"{Prefix}/endpoints/{id}/deliveries", new RedeliverFailedResponse(count));
    }

    private static ProblemHttpResult UrlRefused(string reason) =>
        ApiProblems.Unprocessable("webhook_url_refused", reason, new Dictionary<string, string[]> { ["url"] = [reason] });

    private static string? FilterJson(System.Text.Json.JsonElement? filter) =>
        filter is { ValueKind: System.Text.Json.JsonValueKind.Object } f ? f.GetRawText() : null;
}

public sealed record WebhookTestData(string EndpointId, DateTimeOffset SentAt);
