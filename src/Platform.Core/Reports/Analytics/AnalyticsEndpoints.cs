using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Reports.Sales;

namespace Platform.Reports.Analytics;

/// <summary>
/// GET /api/v1/reports/analytics/{heat-map,funnel,refund-reasons,sales-velocity}: the statistician's charts (issue #18 item 2),
/// for the same readers as the sales reports (reports-read). Figures only, no buyers.
/// </summary>
public static class AnalyticsEndpoints
{
    /// <summary>The longest velocity span: one week of minutes is 10,080 rows at most, small enough to chart.</summary>
    public const int MaxVelocityMinutes = 10_080;

    private static readonly string[] Intervals = ["day", "week", "month"];

    public static RouteGroupBuilder MapAnalytics(this RouteGroupBuilder reports)
    {
        reports.MapGet("/analytics/heat-map", async Task<Results<Ok<HeatMapResponse>, ProblemHttpResult>> (DateOnly? from, DateOnly? to, Guid? eventId,
                ReportInputs inputs, AnalyticsReports analytics, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                return problem ?? (Results<Ok<HeatMapResponse>, ProblemHttpResult>)TypedResults.Ok(new HeatMapResponse(period!.From, period.To,
                    period.TimeZone, eventId, await analytics.HeatMapAsync(period, eventId, ct)));
            })
            .WithName("GetPurchaseHeatMap")
            .WithSummary("Orders paid in the period by weekday (ISO, 1 = Monday) and hour of the tenant's time zone; empty cells are left out.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/analytics/funnel", async Task<Results<Ok<ConversionFunnelResponse>, ProblemHttpResult>> (DateOnly? from, DateOnly? to, Guid? eventId,
                ReportInputs inputs, AnalyticsReports analytics, PostEvent.Counts.EventOutcomeFlusher flusher, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                if (problem is not null)
                {
                    return problem;
                }

                // This node's last seconds of page views are written first, so a view a moment ago is in the answer.
                await flusher.FlushAsync(ct);
                var (views, holds, orders, paid) = await analytics.FunnelAsync(period!, eventId, ct);
                return TypedResults.Ok(new ConversionFunnelResponse(period!.From, period.To, period.TimeZone, eventId, views, holds, orders, paid));
            })
            .WithName("GetConversionFunnel")
            .WithSummary("Storefront event-page views in the period, holds started, how many became orders, and how many of those were paid.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/analytics/refund-reasons", async Task<Results<Ok<RefundReasonTrendResponse>, ProblemHttpResult>> (DateOnly? from, DateOnly? to,
                Guid? eventId, string? interval, ReportInputs inputs, AnalyticsReports analytics, CancellationToken ct) =>
            {
                var bucket = interval ?? "day";
                if (!Intervals.Contains(bucket))
                {
                    return ApiProblems.BadRequest("invalid_query", "interval must be day, week or month.");
                }

                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                return problem ?? (Results<Ok<RefundReasonTrendResponse>, ProblemHttpResult>)TypedResults.Ok(new RefundReasonTrendResponse(period!.From,
                    period.To, period.TimeZone, bucket, eventId, await analytics.RefundReasonsAsync(period, eventId, bucket, ct)));
            })
            .WithName("GetRefundReasonTrend")
            .WithSummary("Refunds that succeeded in the period by reason, per day, week (from Monday) or month of the tenant's calendar.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/analytics/sales-velocity", async Task<Results<Ok<SalesVelocityResponse>, ProblemHttpResult>> (Guid? eventId, int? minutes,
                PlatformDbContext db, AnalyticsReports analytics, CancellationToken ct) =>
            {
                var span = minutes ?? 120;
                if (eventId is not { } id)
                {
                    return ApiProblems.BadRequest("invalid_query", "eventId is required: velocity is measured from one event's on-sale time.");
                }

                if (span is < 1 or > MaxVelocityMinutes)
                {
                    return ApiProblems.BadRequest("invalid_query", $"minutes must be between 1 and {MaxVelocityMinutes}.");
                }

                // Row-Level Security scopes the look-up: another tenant's event is simply not found.
                if (!await db.Set<Event>().AnyAsync(e => e.Id == id, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var onSaleAt = await analytics.OnSaleAtAsync(id, ct);
                var rows = onSaleAt is { } at ? await analytics.VelocityAsync(id, at, span, ct) : [];
                return TypedResults.Ok(new SalesVelocityResponse(id, onSaleAt, span, rows.Where(r => r.Minute < 0).Sum(r => r.Orders),
                    rows.Where(r => r.Minute >= span).Sum(r => r.Orders), [.. rows.Where(r => r.Minute >= 0 && r.Minute < span)]));
            })
            .WithName("GetSalesVelocity")
            .WithSummary("Orders per minute of one event since its on-sale time (the earliest opening of its sales windows), for the first `minutes` (default 120).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return reports;
    }
}
