using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Http;
using Platform.Persistence;
using Platform.Reports.Exports;
using Platform.Tenancy;

namespace Platform.Reports.Sales;

/// <summary>
/// GET /api/v1/reports/{sales,refunds,vouchers,check-ins} as JSON, and each as CSV or XLSX under <c>/export</c>; plus the
/// line-by-line sales export with buyers (<c>/order-lines/export</c>), which names people and so is for finance only.
/// </summary>
public static class SalesReportEndpoints
{
    private const string Xlsx = TableExport.XlsxType;

    public static RouteGroupBuilder MapSalesReports(this RouteGroupBuilder reports, RouteGroupBuilder finance)
    {
        reports.MapGet("/sales", async Task<Results<Ok<SalesReportResponse>, ProblemHttpResult>> (string? groupBy, DateOnly? from, DateOnly? to,
                Guid? eventId, ReportInputs inputs, SalesReports sales, CancellationToken ct) =>
            {
                var (period, by, problem) = await inputs.SalesAsync(groupBy, from, to, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var rows = await sales.SalesAsync(period!, eventId, by, ct).ToListAsync(ct);
                return TypedResults.Ok(new SalesReportResponse(Name(by), period!.From, period.To, period.TimeZone, period.Currency, eventId, rows));
            })
            .WithName("GetSalesReport")
            .WithSummary("Ticket sales paid in the period (tenant's days, default the last 30), grouped by event, occurrence, ticket_type, audience, channel, day or seller.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/sales/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (string? groupBy, DateOnly? from, DateOnly? to,
                Guid? eventId, string? format, ReportInputs inputs, SalesReports sales, CancellationToken ct) =>
            {
                var (period, by, problem) = await inputs.SalesAsync(groupBy, from, to, ct);
                if (problem is not null || !ReportInputs.TryFormat(format, out var f, out problem))
                {
                    return problem!;
                }

                return TableExport.Write(new ReportTable($"sales-by-{Name(by)}-{period!.From:yyyyMMdd}-{period.To:yyyyMMdd}",
                    ["key", "label", "currency", "orders", "tickets", "tickets_refunded", "gross", "refunded", "net"],
                    sales.SalesAsync(period, eventId, by, ct).Select(r => new object?[]
                    {
                        r.Key, r.Label, r.Currency, r.Orders, r.Tickets, r.TicketsRefunded,
                        Amounts.Major(r.Gross, r.Currency), Amounts.Major(r.Refunded, r.Currency), Amounts.Major(r.Net, r.Currency),
                    })), f);
            })
            .WithName("ExportSalesReport").WithSummary("The sales report as CSV (default) or XLSX (format=xlsx); amounts in major units.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType, Xlsx).ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/refunds", async Task<Results<Ok<RefundReportResponse>, ProblemHttpResult>> (DateOnly? from, DateOnly? to, Guid? eventId,
                ReportInputs inputs, SalesReports sales, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                return problem ?? (Results<Ok<RefundReportResponse>, ProblemHttpResult>)TypedResults.Ok(new RefundReportResponse(period!.From, period.To,
                    period.TimeZone, period.Currency, eventId, await sales.RefundsAsync(period, eventId, ct).ToListAsync(ct)));
            })
            .WithName("GetRefundReport").WithSummary("Refunds that succeeded in the period, by reason.").ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/refunds/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (DateOnly? from, DateOnly? to, Guid? eventId,
                string? format, ReportInputs inputs, SalesReports sales, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                if (problem is not null || !ReportInputs.TryFormat(format, out var f, out problem))
                {
                    return problem!;
                }

                return TableExport.Write(new ReportTable($"refunds-{period!.From:yyyyMMdd}-{period.To:yyyyMMdd}", ["reason", "currency", "refunds", "amount"],
                    sales.RefundsAsync(period, eventId, ct).Select(r => new object?[] { r.Reason, r.Currency, r.Refunds, Amounts.Major(r.Amount, r.Currency) })), f);
            })
            .WithName("ExportRefundReport").WithSummary("The refund report as CSV (default) or XLSX (format=xlsx).")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType, Xlsx).ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/vouchers", async Task<Results<Ok<VoucherReportResponse>, ProblemHttpResult>> (DateOnly? from, DateOnly? to, Guid? eventId,
                ReportInputs inputs, SalesReports sales, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                return problem ?? (Results<Ok<VoucherReportResponse>, ProblemHttpResult>)TypedResults.Ok(new VoucherReportResponse(period!.From, period.To,
                    period.TimeZone, period.Currency, eventId, await sales.VouchersAsync(period, eventId, ct).ToListAsync(ct)));
            })
            .WithName("GetVoucherReport").WithSummary("Vouchers used by orders paid in the period.").ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/vouchers/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (DateOnly? from, DateOnly? to, Guid? eventId,
                string? format, ReportInputs inputs, SalesReports sales, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                if (problem is not null || !ReportInputs.TryFormat(format, out var f, out problem))
                {
                    return problem!;
                }

                return TableExport.Write(new ReportTable($"vouchers-{period!.From:yyyyMMdd}-{period.To:yyyyMMdd}",
                    ["voucher_id", "code", "currency", "orders", "discount", "total"],
                    sales.VouchersAsync(period, eventId, ct).Select(r => new object?[]
                    {
                        r.VoucherId.ToString(), r.Code, r.Currency, r.Orders, Amounts.Major(r.Discount, r.Currency), Amounts.Major(r.Total, r.Currency),
                    })), f);
            })
            .WithName("ExportVoucherReport").WithSummary("The voucher report as CSV (default) or XLSX (format=xlsx).")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType, Xlsx).ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/check-ins", async Task<Ok<CheckInReportResponse>> (Guid? eventId, SalesReports sales, CancellationToken ct) =>
                TypedResults.Ok(new CheckInReportResponse(eventId, await sales.CheckInsAsync(eventId, ct).ToListAsync(ct))))
            .WithName("GetCheckInReport").WithSummary("Check-in rate per occurrence and ticket type: valid tickets and how many were admitted.");

        reports.MapGet("/check-ins/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (Guid? eventId, string? format, SalesReports sales,
                ReportInputs inputs, CancellationToken ct) =>
            {
                if (!ReportInputs.TryFormat(format, out var f, out var problem))
                {
                    return problem!;
                }

                var zone = await inputs.TimeZoneAsync(ct);

                return TableExport.Write(new ReportTable("check-ins",
                    ["event_id", "event", "occurrence_id", "starts_at", "ticket_type_id", "ticket_type", "tickets", "checked_in", "rate"],
                    sales.CheckInsAsync(eventId, ct).Select(r => new object?[]
                    {
                        r.EventId.ToString(), r.Event, r.OccurrenceId.ToString(), ReportPeriod.LocalIn(zone, r.StartsAt), r.TicketTypeId.ToString(), r.TicketType,
                        r.Tickets, r.CheckedIn, r.Rate,
                    })), f);
            })
            .WithName("ExportCheckInReport").WithSummary("The check-in report as CSV (default) or XLSX (format=xlsx).")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType, Xlsx).ProducesProblem(StatusCodes.Status400BadRequest);

        finance.MapGet("/order-lines/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (DateOnly? from, DateOnly? to, Guid? eventId,
                string? format, ReportInputs inputs, SalesReports sales, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                if (problem is not null || !ReportInputs.TryFormat(format, out var f, out problem))
                {
                    return problem!;
                }

                return TableExport.Write(new ReportTable($"order-lines-{period!.From:yyyyMMdd}-{period.To:yyyyMMdd}", SalesReports.OrderLineColumns,
                    sales.OrderLinesAsync(period, eventId, ct)), f);
            })
            .WithName("ExportOrderLines")
            .WithSummary("Every ticket line paid in the period with its buyer, streamed as CSV (default) or XLSX; buyer details make it finance's, not analysts'.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType, Xlsx).ProducesProblem(StatusCodes.Status400BadRequest);
        return reports;
    }

    public static string Name(SalesDimension by) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(by.ToString());
}

/// <summary>Reads and checks the query values every report shares; a bad one is a 400 problem, never a 500.</summary>
internal sealed class ReportInputs(PlatformDbContext db, TenantContext tenant, TimeProvider clock)
{
    public async Task<(ReportPeriod? Period, ProblemHttpResult? Problem)> PeriodAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (period, error) = await ReportPeriod.ForTenantAsync(db, tenant, from, to, clock, ct);
        return (period, error is null ? null : ApiProblems.BadRequest("invalid_query", error));
    }

    public async Task<(ReportPeriod? Period, SalesDimension By, ProblemHttpResult? Problem)> SalesAsync(string? groupBy, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        if (!QueryValues.TryParseEnum<SalesDimension>(groupBy, out var by))
        {
            return (null, default, ApiProblems.BadRequest("invalid_query", $"groupBy must be one of: {QueryValues.Allowed<SalesDimension>()}."));
        }

        var (period, problem) = await PeriodAsync(from, to, ct);
        return (period, by ?? SalesDimension.Event, problem);
    }

    public static bool TryFormat(string? format, out ExportFormat result, out ProblemHttpResult? problem)
    {
        problem = null;
        result = ExportFormat.Csv;
        if (format is null or "csv")
        {
            return true;
        }

        if (format == "xlsx")
        {
            result = ExportFormat.Xlsx;
            return true;
        }

        problem = ApiProblems.BadRequest("invalid_query", "format must be csv or xlsx.");
        return false;
    }

    public async Task<string> TimeZoneAsync(CancellationToken ct)
    {
        var id = tenant.RequiredTenantId;
        return await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == id).Select(t => t.TimeZone).SingleAsync(ct);
    }

}
