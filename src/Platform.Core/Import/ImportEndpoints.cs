using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Http;
using Platform.Reports.Exports;

namespace Platform.Import;

/// <summary>
/// /api/v1/imports: a venue's migration from its old system (issue #18 item 4; ADR 0057). Owners and admins only
/// (policy tenant-admin): an import writes orders and tickets in bulk and reads buyers' personal data.
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/imports").WithTags("Imports").RequireAuthorization(Policies.TenantAdmin).WithStandardProblems();

        imports.MapGet("/template", Results<PushStreamHttpResult, ProblemHttpResult> (string? format) =>
                ParseFormat(format) is { } f ? TableExport.Write(ImportService.Template(), f)
                    : ApiProblems.BadRequest("invalid_query", "format must be csv or xlsx.", new Dictionary<string, string[]> { ["format"] = ["'format' must be csv or xlsx."] }))
            .WithName("GetImportTemplate")
            .WithSummary("A template to fill: a header row of the import fields and one example row, as CSV (default, UTF-8 with BOM) or XLSX (format=xlsx).")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType, TableExport.XlsxType);

        imports.MapGet("/mapping", async (ImportMappingStore store, CancellationToken ct) => TypedResults.Ok(ToResponse(await store.GetAsync(ct))))
            .WithName("GetImportMapping").WithSummary("The tenant's saved field mapping (a field not listed is read from the column of its own name).");

        imports.MapPut("/mapping", async (ImportMappingRequest request, ImportMappingStore store, CancellationToken ct) =>
                TypedResults.Ok(ToResponse(await store.PutAsync(request, ct))))
            .WithValidation<ImportMappingRequest>()
            .WithName("PutImportMapping")
            .WithSummary("Replaces the field mapping: source column per field, our ticket type per old ticket-type name, and whether old ticket codes scan at the gate.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        imports.MapPost("", async (HttpRequest request, ClaimsPrincipal user, string? fileName, string? format, string? encoding, ImportService service,
                CancellationToken ct) =>
            {
                var job = await service.UploadAsync(request.Body, fileName, format, encoding, Callers.Key(user), ct);
                return TypedResults.Created($"/api/v1/imports/{job.Id}", job);
            })
            .WithName("UploadImport").WithBodySizeLimit(ImportService.MaxUploadBytes)
            .Accepts<IFormFile>("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream")
            .WithSummary("Uploads a legacy export (the body is the file: CSV in UTF-8, UTF-8 with BOM or GBK — detected, or say encoding=utf-8|gbk — or XLSX; at most 32 MB). Nothing is imported yet.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        imports.MapGet("", async (ImportService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithName("ListImports").WithSummary("The tenant's 50 latest imports, newest first.");

        imports.MapGet("/{id:guid}", async Task<Results<Ok<ImportJobResponse>, ProblemHttpResult>> (Guid id, ImportService service, CancellationToken ct) =>
                await service.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : ApiProblems.NotFound("import"))
            .WithName("GetImport").WithSummary("An import's state and progress: rows done of total, created, changed, unchanged, rejected.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        imports.MapPost("/{id:guid}/dry-run", async Task<Results<Ok<ImportDryRunResponse>, ProblemHttpResult>> (Guid id, ImportDryRunRequest request,
                ImportService service, CancellationToken ct) =>
                await service.DryRunAsync(id, request, ct) is { } result ? TypedResults.Ok(result) : ApiProblems.NotFound("import"))
            .WithName("DryRunImport")
            .WithSummary("Shows what the first N (or a seeded random N) rows — up to the whole file — would do: created, changed, unchanged or rejected with a reason per row, writing nothing. Totals and reasons cover the sample; rows come a page at a time (offset, limit up to 1000, outcome filter).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        imports.MapPost("/{id:guid}/start", async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult>> (Guid id, ImportService service, CancellationToken ct) =>
                await service.StartAsync(id, ct) is { } job ? TypedResults.Accepted($"/api/v1/imports/{id}", job) : ApiProblems.NotFound("import"))
            .WithName("StartImport")
            .WithSummary("Starts the full import as a background job (poll GET for progress). Re-running a file creates nothing twice; a failed import started again resumes.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        imports.MapGet("/{id:guid}/rejects", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (Guid id, ImportService service, CancellationToken ct) =>
                await service.RejectsAsync(id, ct) is { } table ? TableExport.Write(table, ExportFormat.Csv) : ApiProblems.NotFound("import"))
            .WithName("GetImportRejects")
            .WithSummary("The rejected rows as CSV: the original columns plus a reason, cells neutralised against formulas; fix and upload again.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), TableExport.CsvType).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static ExportFormat? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    private static ImportMappingResponse ToResponse(ImportMappingView m) => new(ImportFields.All, m.Columns, m.TicketTypes, m.KeepLegacyCodes);
}
