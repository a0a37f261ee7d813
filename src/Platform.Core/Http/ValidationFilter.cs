using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Http;

/// <summary>
/// Runs the FluentValidation validator of a request body before the handler: well-formed JSON with invalid values
/// is answered 422 with every failing field, and the handler never sees it.
/// </summary>
internal sealed class ValidationFilter<TRequest> : IEndpointFilter where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
        {
            return ApiProblems.BadRequest("body_required", "A JSON request body is required.");
        }

        var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        var errors = result.Errors
            .GroupBy(e => ToCamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return ApiProblems.Unprocessable("validation_failed", "One or more fields are invalid.", errors);
    }

    /// <summary>"Branding.PrimaryColor" becomes "branding.primaryColor", matching the JSON the client sent.</summary>
    internal static string ToCamelPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>FluentValidation's process-wide settings for the API.</summary>
internal static class ValidationConventions
{
    /// <summary>
    /// Messages name a field as the client wrote it ("'buyerEmail' is not a valid email address."), the same camelCase
    /// as the <c>errors</c> keys, not FluentValidation's default of the C# name split into words ("'Buyer Email'").
    /// </summary>
    public static void Apply() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : ValidationFilter<object>.ToCamelPath(member.Name);
}

public static class ValidationEndpointExtensions
{
    /// <summary>Validates the <typeparamref name="TRequest"/> body and documents the 422 response.</summary>
    public static RouteHandlerBuilder WithValidation<TRequest>(this RouteHandlerBuilder builder) where TRequest : class =>
        builder.AddEndpointFilter<ValidationFilter<TRequest>>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
