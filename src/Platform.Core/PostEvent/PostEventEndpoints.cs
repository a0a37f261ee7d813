using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Platform.Authorization;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.PostEvent.Incidents;
using Platform.PostEvent.Notes;
using Platform.PostEvent.Report;
using Platform.Tickets.Rendering;

namespace Platform.PostEvent;

/// <summary>
/// The post-event report (issue #17, ADR 0051): JSON, HTML and PDF for owners, admins, finance and analysts
/// (<c>reports-read</c>); operator notes written by owners and admins (<c>events-write</c>); and Alertmanager's webhook,
/// which the scrape token or a platform admin may call (the same policy as /metrics).
/// </summary>
public static class PostEventEndpoints
{
    public static IEndpointRouteBuilder MapPostEventReport(this IEndpointRouteBuilder app)
    {
        var report = app.MapGroup("/api/v1/events/{id:guid}").WithTags("Reports").WithStandardProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        report.MapGet("/report", async Task<Results<Ok<PostEventReportResponse>, ProblemHttpResult>> (Guid id, string? bucket, PostEventReports reports,
                CancellationToken ct) =>
            {
                var (r, problem) = await BuildAsync(id, bucket, reports, ct);
                return problem ?? (Results<Ok<PostEventReportResponse>, ProblemHttpResult>)TypedResults.Ok(r!);
            })
            .RequireAuthorization(Policies.ReportsRead).WithName("GetPostEventReport")
            .WithSummary("The event's operations report: sales per bucket (minute, hour or day of the event's zone; default hour), peaks, success rates, error codes, refunds by reason, waiting room, check-in, incidents and notes.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        report.MapGet("/report.html", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, string? bucket, string? lang, HttpContext http,
                PostEventReports reports, CancellationToken ct) =>
            {
                var (r, problem) = await BuildAsync(id, bucket, reports, ct);
                return problem ?? (Results<ContentHttpResult, ProblemHttpResult>)TypedResults.Content(
                    ReportHtml.Render(r!, ReportLabels.For(lang, http.Request.Headers.AcceptLanguage)), "text/html; charset=utf-8");
            })
            .RequireAuthorization(Policies.ReportsRead).WithName("GetPostEventReportHtml")
            .WithSummary("The operations report as a self-contained HTML page with inline SVG charts, in English or Chinese (?lang=en|zh-CN, else Accept-Language).")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/html").ProducesProblem(StatusCodes.Status400BadRequest);

        report.MapGet("/report.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, string? bucket, string? lang, HttpContext http,
                PostEventReports reports, TicketFonts fonts, CancellationToken ct) =>
            {
                var (r, problem) = await BuildAsync(id, bucket, reports, ct);
                return problem ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(
                    ReportPdf.Render(r!, ReportLabels.For(lang, http.Request.Headers.AcceptLanguage), fonts), "application/pdf", $"event-report-{id:N}.pdf");
            })
            .RequireAuthorization(Policies.ReportsRead).WithName("GetPostEventReportPdf")
            .WithSummary("The operations report as an A4 PDF (same figures as the HTML; Chinese text embedded).")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf").ProducesProblem(StatusCodes.Status400BadRequest);

        report.MapGet("/report/notes", async Task<Results<Ok<ReportNoteListResponse>, ProblemHttpResult>> (Guid id, PlatformDbContext db, ReportNotes notes,
                CancellationToken ct) =>
                await db.Set<Event>().AnyAsync(e => e.Id == id, ct)
                    ? TypedResults.Ok(new ReportNoteListResponse(await notes.ListAsync(id, ct)))
                    : ApiProblems.NotFound("event"))
            .RequireAuthorization(Policies.ReportsRead).WithName("ListPostEventReportNotes")
            .WithSummary("The operator notes of the event's report, oldest first.");

        report.MapPost("/report/notes", async Task<Results<Created<ReportNoteResponse>, ProblemHttpResult>> (Guid id, AddReportNoteRequest request,
                ClaimsPrincipal user, PlatformDbContext db, ReportNotes notes, CancellationToken ct) =>
            {
                if (!await db.Set<Event>().AnyAsync(e => e.Id == id, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var note = await notes.AddAsync(id, request.Text!, Callers.Key(user) ?? "unknown", ct);
                return TypedResults.Created($"/api/v1/events/{id}/report/notes", note);
            })
            .WithValidation<AddReportNoteRequest>().RequireAuthorization(Policies.EventsWrite).WithName("AddPostEventReportNote")
            .WithSummary("Adds an operator note to the event's report (what happened, what to change next time).");

        app.MapPost("/api/v1/operations/alerts", async Task<Ok<AlertsReceivedResponse>> (AlertmanagerWebhook body, AlertReceiver receiver, CancellationToken ct) =>
                TypedResults.Ok(await receiver.ReceiveAsync(body, ct)))
            .WithValidation<AlertmanagerWebhook>().RequireAuthorization(Policies.MetricsScrape).WithTags("Operations").WithStandardProblems()
            .WithName("ReceiveAlerts")
            .WithSummary("Alertmanager's webhook receiver: stores firing and resolved alerts as incidents for post-event reports. The scrape token (Authorization: Bearer) or a platform admin.");
        return app;
    }

    private static async Task<(PostEventReportResponse? Report, ProblemHttpResult? Problem)> BuildAsync(Guid id, string? bucket, PostEventReports reports,
        CancellationToken ct)
    {
        var unit = bucket ?? "hour";
        if (!PostEventReports.Buckets.Contains(unit))
        {
            return (null, ApiProblems.BadRequest("invalid_query", "bucket is minute, hour or day."));
        }

        return await reports.BuildAsync(id, unit, ct) is { } report ? (report, null) : (null, ApiProblems.NotFound("event"));
    }
}
