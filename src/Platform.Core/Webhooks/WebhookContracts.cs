using System.Text.Json;
using FluentValidation;

namespace Platform.Webhooks;

public sealed record CreateWebhookEndpointRequest(string? Url, string? Description, List<string>? EventTypes, JsonElement? Filter);

/// <summary>Changes only the fields sent; enabled=true re-enables a disabled endpoint.</summary>
public sealed record UpdateWebhookEndpointRequest(string? Url, string? Description, List<string>? EventTypes, JsonElement? Filter, bool? Enabled);

public sealed record WebhookEndpointResponse(
    Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes, JsonElement? Filter, bool Enabled,
    string? DisabledReason, DateTimeOffset? DisabledAt, DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static WebhookEndpointResponse From(WebhookEndpoint e) => new(
        e.Id, e.Url, e.Description, e.EventTypes, e.Filter is null ? null : JsonDocument.Parse(e.Filter).RootElement.Clone(),
        e.Enabled, e.DisabledReason, e.DisabledAt, e.FailingSince, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt);
}

/// <summary>The only response that carries the signing secret (besides a rotation): store it now.</summary>
public sealed record CreatedWebhookEndpointResponse(WebhookEndpointResponse Endpoint, string Secret);

public sealed record WebhookSecretResponse(string Secret, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record WebhookTestResponse(Guid EventId);

/// <summary>Failed deliveries created at or after <c>since</c> (and before <c>until</c>, when given) are sent again.</summary>
public sealed record RedeliverFailedRequest(DateTimeOffset? Since, DateTimeOffset? Until);

public sealed record RedeliverFailedResponse(int Count);

public sealed record WebhookDeliveryResponse(
    Guid Id, string WebhookId, Guid EndpointId, Guid EventId, string EventType, DeliveryStatus Status, int AttemptCount,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset CreatedAt)
{
    internal static WebhookDeliveryResponse From(WebhookDelivery d) => new(
        d.Id, d.WebhookId, d.EndpointId, d.EventId, d.EventType, d.Status, d.AttemptCount,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.CreatedAt);
}

public sealed record WebhookAttemptResponse(
    Guid Id, int AttemptNumber, DateTimeOffset AttemptedAt, int? StatusCode, int LatencyMs, string? ResponseExcerpt, string? Error)
{
    internal static WebhookAttemptResponse From(WebhookAttempt a) =>
        new(a.Id, a.AttemptNumber, a.AttemptedAt, a.StatusCode, a.LatencyMs, a.ResponseExcerpt, a.Error);
}

internal static class WebhookValidation
{
    public static void Url<T>(IRuleBuilder<T, string?> rule) => rule
        .Must(u => Uri.TryCreate(u, UriKind.Absolute, out _)).WithMessage("url must be an absolute https URL.")
        .MaximumLength(WebhookRules.MaxUrlLength);

    public static void EventTypes<T>(IRuleBuilder<T, List<string>?> rule) => rule
        .Must(t => t is { Count: > 0 and <= WebhookRules.MaxEventTypes })
        .WithMessage($"eventTypes must list 1 to {WebhookRules.MaxEventTypes} event types or patterns.")
        .Must(t => t is null || t.All(p => p is not null && WebhookRules.EventTypePattern().IsMatch(p)))
        .WithMessage("eventTypes entries look like order.paid, order.* or *.");

    public static void Filter<T>(IRuleBuilder<T, JsonElement?> rule) => rule
        .Must(f => f is null || f.Value.ValueKind == JsonValueKind.Null || IsValidFilter(f.Value))
        .WithMessage($"filter must be an object of up to {WebhookRules.MaxFilterFields} data paths (e.g. \"eventId\" or \"buyer.country\") to string, number or boolean values.");

    private static bool IsValidFilter(JsonElement f) =>
        f.ValueKind == JsonValueKind.Object &&
        f.EnumerateObject().Count() <= WebhookRules.MaxFilterFields &&
        f.EnumerateObject().All(p => WebhookRules.FilterPath().IsMatch(p.Name) &&
                                     p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False);
}

internal sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpointRequest>
{
    public CreateWebhookEndpointValidator()
    {
        WebhookValidation.Url(RuleFor(x => x.Url).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("url is required."));
        WebhookValidation.EventTypes(RuleFor(x => x.EventTypes));
        WebhookValidation.Filter(RuleFor(x => x.Filter));
        RuleFor(x => x.Description).MaximumLength(200);
    }
}

internal sealed class UpdateWebhookEndpointValidator : AbstractValidator<UpdateWebhookEndpointRequest>
{
    public UpdateWebhookEndpointValidator()
    {
        When(x => x.Url is not null, () => WebhookValidation.Url(RuleFor(x => x.Url)));
        When(x => x.EventTypes is not null, () => WebhookValidation.EventTypes(RuleFor(x => x.EventTypes)));
        WebhookValidation.Filter(RuleFor(x => x.Filter));
        RuleFor(x => x.Description).MaximumLength(200);
    }
}

internal sealed class RedeliverFailedValidator : AbstractValidator<RedeliverFailedRequest>
{
    public RedeliverFailedValidator(TimeProvider clock)
    {
        RuleFor(x => x.Since).NotNull().WithMessage("since is required (an ISO 8601 date-time).")
            .Must(s => s is null || s <= clock.GetUtcNow()).WithMessage("since must not be in the future.");
        RuleFor(x => x.Until).Must((r, u) => u is null || r.Since is null || u > r.Since).WithMessage("until must be after since.");
    }
}
