using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Platform.Authorization;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// Declares on each operation what it needs: nothing for anonymous ones, otherwise either oauth2 scheme (a person's PKCE sign-in, or client credentials) with the scope
/// of the operation's policy (docs/roles.md), so SDKs and Swagger UI know which scope to ask for.
/// </summary>
internal sealed class OAuthSecurityFilter : IOperationFilter
{
    public const string SchemeName = "oauth2";

    public const string ClientCredentialsSchemeName = "oauth2ClientCredentials";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return;
        }

        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => !string.IsNullOrEmpty(p));
        List<string> scopes = policy is not null && Policies.TenantPermissions.TryGetValue(policy, out var requirement)
            ? [requirement.Scope]
            : [];
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ClientCredentialsSchemeName, context.Document)] = scopes },
        ];
    }
}
