using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;

namespace Platform.Payments.Stripe;

public static class StripeEndpoints
{
    /// <summary>Stripe events are small (a few KB); anything far larger is not one.</summary>
    private const long MaxWebhookBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapStripePayments(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/v1/payments/stripe/account").WithTags("Payments").RequireAuthorization(Policies.TenantAdmin)
            .WithStandardProblems();
        account.MapGet("", async Task<Results<Ok<StripeAccountResponse>, ProblemHttpResult>> (StripeAccounts accounts, CancellationToken ct) =>
                await accounts.FindAsync(ct) is { } found ? TypedResults.Ok(accounts.ToResponse(found)) : ApiProblems.NotFound("stripe account"))
            .WithName("GetStripeAccount").WithSummary("Gets the tenant's Stripe account (secrets are never returned: the key's last 4 only).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        account.MapPut("", async Task<Results<Ok<StripeAccountResponse>, ProblemHttpResult>> (SetStripeAccountRequest request, StripeAccounts accounts,
                ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(accounts.ToResponse(await accounts.SetAsync(request, HoldEndpoints.CreatedBy(user), ct))))
            .WithValidation<SetStripeAccountRequest>().WithName("SetStripeAccount")
            .WithSummary("Sets the tenant's Stripe account: a Connect account id (acct_…) charged with the platform's key and fee, or the tenant's own secret key and webhook secret (stored encrypted).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        account.MapDelete("", async Task<Results<NoContent, ProblemHttpResult>> (StripeAccounts accounts, CancellationToken ct) =>
                await accounts.DeleteAsync(ct) ? TypedResults.NoContent() : ApiProblems.NotFound("stripe account"))
            .WithName("DeleteStripeAccount").WithSummary("Removes the tenant's Stripe account; Stripe payments are then refused until one is set again.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Called by Stripe, authenticated by the Stripe-Signature header instead of a token. The raw body is read as
        // sent (signatures cover the exact bytes), so JSON binding and its unknown-property rule never see it.
        app.MapPost(StripeAccounts.WebhookPath, async Task<Results<Ok<StripeWebhookResponse>, ProblemHttpResult>> (HttpRequest request,
                [FromHeader(Name = "Stripe-Signature")] string? signature, StripeWebhookHandler handler, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync(ct);
                return TypedResults.Ok(await handler.HandleAsync(body, signature, ct));
            })
            // Not counted against the anonymous per-IP bucket: during an on-sale Stripe delivers thousands of events a
            // minute from a few addresses, and a 429 would delay "paid" by Stripe's retry backoff. The signature check
            // (one indexed lookup + one HMAC) is the gate.
            .AllowAnonymous().DisableRateLimiting().WithTags("Payments").WithStandardProblems().WithBodySizeLimit(MaxWebhookBytes)
            .WithName("ReceiveStripeWebhook")
            .WithSummary("Stripe's webhook: verified by Stripe-Signature (300 s tolerance); handles payment_intent.succeeded, payment_intent.payment_failed and charge.refunded once per event id.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }
}
