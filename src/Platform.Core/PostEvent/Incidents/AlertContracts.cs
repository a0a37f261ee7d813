using System.Text.Json.Serialization;
using FluentValidation;

namespace Platform.PostEvent.Incidents;

/// <summary>
/// Alertmanager's webhook body (version 4). Every field it sends is declared, because the API refuses unknown
/// properties; the platform keeps the alerts' status, labels, summary, times and fingerprint.
/// </summary>
public sealed record AlertmanagerWebhook(string? Version, string? GroupKey, int? TruncatedAlerts, string? Status, string? Receiver,
    IReadOnlyDictionary<string, string>? GroupLabels, IReadOnlyDictionary<string, string>? CommonLabels,
    IReadOnlyDictionary<string, string>? CommonAnnotations, [property: JsonPropertyName("externalURL")] string? ExternalUrl,
    IReadOnlyList<AlertmanagerAlert>? Alerts);

public sealed record AlertmanagerAlert(string? Status, IReadOnlyDictionary<string, string>? Labels, IReadOnlyDictionary<string, string>? Annotations,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, [property: JsonPropertyName("generatorURL")] string? GeneratorUrl, string? Fingerprint);

public sealed record AlertsReceivedResponse(int Firing, int Resolved);

internal sealed class AlertmanagerWebhookValidator : AbstractValidator<AlertmanagerWebhook>
{
    public AlertmanagerWebhookValidator()
    {
        RuleFor(w => w.Alerts).NotNull().WithMessage("alerts is required.")
            .Must(a => a is null || a.Count <= 1000).WithMessage("At most 1000 alerts per notification.");
        RuleForEach(w => w.Alerts).ChildRules(alert =>
        {
            alert.RuleFor(a => a.Status).Must(s => s is "firing" or "resolved").WithMessage("status is firing or resolved.");
            alert.RuleFor(a => a.StartsAt).NotNull().WithMessage("startsAt is required.");
            alert.RuleFor(a => a.Labels).Must(l => l is not null && l.TryGetValue("alertname", out var n) && !string.IsNullOrWhiteSpace(n) && n.Length <= 200)
                .WithMessage("labels.alertname is required (at most 200 characters).");
            alert.RuleFor(a => a.Fingerprint).MaximumLength(64);
        });
    }
}
