namespace Platform.Reports.Finance;

/// <summary>Every posting key with the tenant's account (its own mapping where set, the default otherwise).</summary>
public sealed record ChartOfAccountsResponse(IReadOnlyDictionary<string, string> Accounts);

/// <summary>Accounts to set, by posting key; keys left out keep their account.</summary>
public sealed record ChartOfAccountsRequest(IReadOnlyDictionary<string, string>? Accounts);

/// <summary>
/// One day (tenant's calendar) and payment method: payments taken, refunds given, the order fees within the payments,
/// and net = taken − refunded. Amounts in minor units of <see cref="Currency"/>.
/// </summary>
public sealed record DailyCloseRow(DateOnly Day, string Method, string Currency, int Payments, long Taken, int Refunds, long Refunded, long Fees, long Net);

public sealed record DailyCloseResponse(DateOnly From, DateOnly To, string TimeZone, string Currency, IReadOnlyList<DailyCloseRow> Rows);

/// <summary>A journal line: exactly one of debit and credit is non-zero.</summary>
public sealed record JournalLine(DateOnly Date, string Account, long Debit, long Credit, string Currency, string Reference, string Text);
