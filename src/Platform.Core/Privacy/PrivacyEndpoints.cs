using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Authorization;
using Platform.Http;

namespace Platform.Privacy;

/// <summary>
/// GDPR requests about one buyer (issue #18 item 5; ADR 0043): export everything the tenant holds about an email,
/// and erase it. Both need the tenant-admin policy (owner, admin): the export is the buyer's whole history in clear,
/// the erasure cannot be undone.
/// </summary>
public static class PrivacyEndpoints
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<BuyerRecords>();
        builder.Services.AddScoped<BuyerExport>();
        builder.Services.AddScoped<BuyerErasure>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/privacy/buyers").WithTags("Privacy").RequireAuthorization(Policies.TenantAdmin).WithStandardProblems();
        group.MapGet("/export", ExportAsync).WithName("ExportBuyerData")
            .WithSummary("Everything the tenant holds about one buyer email: orders with lines, payments and refunds, tickets and their holders, voucher redemptions, check-ins and audit entries.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/erase", EraseAsync).WithValidation<EraseBuyerRequest>().WithName("EraseBuyerData")
            .WithSummary("Anonymises one buyer's personal details in the tenant's orders, tickets, holds and voucher redemptions; amounts, states and the ticket ledger stay. Audited; erasing again changes nothing.");
        return app;
    }

    private static async Task<Results<Ok<BuyerExportResponse>, ProblemHttpResult>> ExportAsync(string? email, BuyerExport export, CancellationToken ct)
    {
        if (!BuyerEmails.IsValid(email))
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.",
                new Dictionary<string, string[]> { ["email"] = [$"email must be an email address (at most {BuyerEmails.MaxLength} characters)."] });
        }

        return TypedResults.Ok(await export.ExportAsync(email!, ct));
    }

    private static async Task<Ok<BuyerErasureResponse>> EraseAsync(EraseBuyerRequest request, BuyerErasure erasure, CancellationToken ct) =>
        TypedResults.Ok(await erasure.EraseAsync(request.Email!, request.Reason!, ct));
}
