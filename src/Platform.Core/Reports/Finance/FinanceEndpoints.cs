using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;
using Platform.Reports.Exports;
using Platform.Reports.Sales;

namespace Platform.Reports.Finance;

/// <summary>/api/v1/finance: the chart-of-accounts mapping, the daily close and the accounting journal export.</summary>
public static class FinanceEndpoints
{
    public static IEndpointRouteBuilder MapFinance(this IEndpointRouteBuilder app)
    {
        var finance = app.MapGroup("/api/v1/finance").WithTags("Finance").RequireAuthorization(Policies.FinanceRead).WithStandardProblems();

        finance.MapGet("/chart-of-accounts", async Task<Ok<ChartOfAccountsResponse>> (FinanceReports reports, CancellationToken ct) =>
                TypedResults.Ok(new ChartOfAccountsResponse(await reports.AccountsAsync(ct))))
            .WithName("GetChartOfAccounts").WithSummary("The account of every posting key: the tenant's mapping where set, the default otherwise.");

        // Setting the mapping is configuration, but the books are finance's: owners, admins and finance (ADR 0054);
        // an API client needs tenants:admin, like other configuration.
        app.MapGroup("/api/v1/finance").WithTags("Finance").RequireAuthorization(Policies.FinanceWrite).WithStandardProblems()
            .MapPut("/chart-of-accounts", async Task<Results<Ok<ChartOfAccountsResponse>, ProblemHttpResult>> (ChartOfAccountsRequest request,
                PlatformDbContext db, FinanceReports reports, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                foreach (var (key, account) in request.Accounts ?? new Dictionary<string, string>())
                {
                    if (!ChartOfAccounts.Defaults.ContainsKey(key))
                    {
                        errors[$"accounts.{key}"] = [$"Unknown posting key; known: {string.Join(", ", ChartOfAccounts.Keys)}."];
                    }
                    else if (string.IsNullOrWhiteSpace(account) || account.Trim().Length > 40)
                    {
                        errors[$"accounts.{key}"] = ["An account is 1 to 40 characters."];
                    }
                }

                if (errors.Count > 0 || request.Accounts is null)
                {
                    return ApiProblems.Unprocessable("validation_failed", "The mapping is not valid.",
                        errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["accounts"] = ["Required."] });
                }

                var existing = await db.Set<AccountMapping>().ToDictionaryAsync(m => m.Key, ct);
                foreach (var (key, account) in request.Accounts)
                {
                    if (existing.TryGetValue(key, out var row))
                    {
                        row.Account = account.Trim();
                    }
                    else
                    {
                        db.Add(new AccountMapping { Key = key, Account = account.Trim() });
                    }
                }

                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new ChartOfAccountsResponse(await reports.AccountsAsync(ct)));
            })
            .WithName("SetChartOfAccounts").WithSummary("Maps posting keys to the tenant's accounts (keys left out keep theirs).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        finance.MapGet("/daily-close", async Task<Results<Ok<DailyCloseResponse>, ProblemHttpResult>> (DateOnly? from, DateOnly? to, ReportInputs inputs,
                FinanceReports reports, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                return problem ?? (Results<Ok<DailyCloseResponse>, ProblemHttpResult>)TypedResults.Ok(new DailyCloseResponse(period!.From, period.To,
                    period.TimeZone, period.Currency, await reports.DailyCloseAsync(period, ct).ToListAsync(ct)));
            })
            .WithName("GetDailyClose").WithSummary("Per tenant's day and payment method: payments taken, refunds, fees and net.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        finance.MapGet("/journal/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (DateOnly? from, DateOnly? to, string? format,
                ReportInputs inputs, FinanceReports reports, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                if (problem is not null || !ReportInputs.TryFormat(format, out var f, out problem))
                {
                    return problem!;
                }

                var accounts = await reports.AccountsAsync(ct);
                return TableExport.Write(new ReportTable($"journal-{period!.From:yyyyMMdd}-{period.To:yyyyMMdd}",
                    ["date", "account", "debit", "credit", "currency", "reference", "text"],
                    reports.JournalAsync(period, accounts, ct).Select(l => new object?[]
                    {
                        l.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), l.Account,
                        Amounts.Major(l.Debit, l.Currency), Amounts.Major(l.Credit, l.Currency), l.Currency, l.Reference, l.Text,
                    })), f);
            })
            .WithName("ExportJournal")
            .WithSummary("Accounting journal lines (date, account, debit, credit, reference) for the money that moved in the period, CSV (default) or XLSX.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType, TableExport.XlsxType).ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
