using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Platform.Http;

public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>The largest request body accepted; imports that need more get their own limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>An endpoint's own body limit (imports carry documents far larger than ordinary requests).</summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

public static class BodySizeLimitExtensions
{
    /// <summary>Overrides Http:MaxRequestBodyBytes for one endpoint.</summary>
    public static RouteHandlerBuilder WithBodySizeLimit(this RouteHandlerBuilder builder, long bytes) =>
        builder.WithMetadata(new BodySizeLimit(bytes));
}

/// <summary>
/// Refuses an oversize body up front from Content-Length (413 problem, nothing read), and caps streamed bodies
/// through the server's limit so a chunked upload cannot exceed it either.
/// </summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
