namespace Platform.Payments;

public sealed record ChargeRequest(Guid OrderId, long Amount, string Currency, string? PaymentToken, string? Reference);

public sealed record ProviderResult(bool Succeeded, string? Reference, string? DeclineCode = null, string? Message = null);

/// <summary>
/// A refund to make through the provider that took <see cref="PaymentReference"/>. <see cref="IdempotencyKey"/> is
/// derived from the order's refund state, so a retry after a crash asks the provider for the same refund again.
/// </summary>
public sealed record ProviderRefund(Guid PaymentId, Guid OrderId, string? PaymentReference, long Amount, string Currency, string? Reason,
    string IdempotencyKey);

/// <summary>One way money moves: sandbox (test mode), cash, external card terminal, Stripe (Payments/Stripe).</summary>
public interface IPaymentProvider
{
    /// <summary>The name stored on payments: sandbox, cash, card_terminal.</summary>
    string Name { get; }

    bool TestMode { get; }

    /// <summary>Recorded by box office staff (the money moved outside the platform), not charged by it.</summary>
    bool BoxOfficeOnly { get; }

    Task<ProviderResult> ChargeAsync(ChargeRequest request, CancellationToken ct);

    Task<ProviderResult> RefundAsync(ProviderRefund refund, CancellationToken ct);
}

/// <summary>
/// The offline test-mode provider used by the embedded default and the tests. Payment tokens: anything succeeds
/// (e.g. <c>tok_visa</c>, or the card 4242424242424242) except <see cref="DeclineToken"/> and
/// <see cref="DeclineCard"/>, which decline as a card would. Refunds always succeed.
/// </summary>
public sealed class SandboxPaymentProvider : IPaymentProvider
{
    public const string DeclineToken = "tok_decline";
    public const string DeclineCard = "4000000000000002";

    public string Name => "sandbox";

    public bool TestMode => true;

    public bool BoxOfficeOnly => false;

    public Task<ProviderResult> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
        Task.FromResult(request.PaymentToken?.Replace(" ", "", StringComparison.Ordinal) is DeclineToken or DeclineCard
            ? new ProviderResult(false, null, "card_declined", "The sandbox declined the card (test mode).")
            : new ProviderResult(true, $"sandbox_ch_{Guid.CreateVersion7():N}"));

    public Task<ProviderResult> RefundAsync(ProviderRefund refund, CancellationToken ct) =>
        Task.FromResult(new ProviderResult(true, $"sandbox_re_{Guid.CreateVersion7():N}"));
}

/// <summary>Cash taken at the box office: recorded, nothing to call.</summary>
public sealed class CashPaymentProvider : IPaymentProvider
{
    public string Name => "cash";

    public bool TestMode => false;

    public bool BoxOfficeOnly => true;

    public Task<ProviderResult> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
        Task.FromResult(new ProviderResult(true, request.Reference));

    public Task<ProviderResult> RefundAsync(ProviderRefund refund, CancellationToken ct) =>
        Task.FromResult(new ProviderResult(true, null));
}

/// <summary>A card payment taken on an external terminal; staff record the terminal's reference.</summary>
public sealed class CardTerminalPaymentProvider : IPaymentProvider
{
    public string Name => "card_terminal";

    public bool TestMode => false;

    public bool BoxOfficeOnly => true;

    public Task<ProviderResult> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(request.Reference)
            ? new ProviderResult(false, null, "reference_required", "A card terminal payment needs the terminal's reference.")
            : new ProviderResult(true, request.Reference.Trim()));

    public Task<ProviderResult> RefundAsync(ProviderRefund refund, CancellationToken ct) =>
        Task.FromResult(new ProviderResult(true, refund.PaymentReference));
}
