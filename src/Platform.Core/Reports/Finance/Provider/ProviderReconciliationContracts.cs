namespace Platform.Reports.Finance.Provider;

/// <summary>How far the tenant's copy of Stripe's ledger reaches: the last sync that succeeded, and the last attempt's error.</summary>
public sealed record ProviderSyncResponse(string? Account, DateTimeOffset? LastSyncedAt, DateTimeOffset? LastAttemptAt, string? LastError);

/// <summary>
/// One tenant's day and currency: our succeeded Stripe payments and refunds beside Stripe's charges and refunds, what
/// Stripe kept (its fees and the platform's application fees), the net and the payouts to the bank. Amounts in minor
/// units; refunds and payouts as positive figures.
/// </summary>
public sealed record ProviderDayRow(DateOnly Day, string Currency, int Payments, long Paid, int Refunds, long Refunded, int ProviderCharges,
    long ProviderCharged, int ProviderRefunds, long ProviderRefunded, long StripeFees, long ApplicationFees, long Net, long Payouts);

/// <summary>The period's totals per currency: gross = charged − refunded at Stripe; net = gross − fees (Stripe's figure).</summary>
public sealed record ProviderTotalsRow(string Currency, long Gross, long StripeFees, long ApplicationFees, long Net, long Payouts);

/// <summary>
/// A difference between our books and Stripe's: missing_at_provider (our payment or refund has no Stripe transaction),
/// missing_here (Stripe moved money we have no record of), amount_differs, currency_differs. Kind is payment or refund.
/// </summary>
public sealed record ProviderMismatchRow(string Problem, DateOnly Day, string Kind, Guid? PaymentId, Guid? OrderId, string? Reference,
    string? BalanceTransactionId, long? Amount, string? Currency, long? ProviderAmount, string? ProviderCurrency);

/// <summary>
/// The provider reconciliation. <see cref="Ledger"/> is "stripe" when the tenant has a Stripe account, "none" when it
/// takes no provider payments (sandbox, cash, terminals): then there is nothing to compare and the lists are empty.
/// <see cref="PendingSync"/> counts our Stripe movements newer than the last sync (not judged yet).
/// </summary>
public sealed record ProviderReconciliationResponse(DateOnly From, DateOnly To, string TimeZone, string Ledger, ProviderSyncResponse? Sync,
    IReadOnlyList<ProviderDayRow> Days, IReadOnlyList<ProviderTotalsRow> Totals, IReadOnlyList<ProviderMismatchRow> Mismatches, int PendingSync);

/// <summary>The sync job the API enqueued.</summary>
public sealed record ProviderSyncStartedResponse(string JobId);
