using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace Platform.OpenApi;

/// <summary>Writes the same document the app serves, for openapi/v1.json and the SDK generators.</summary>
public static class OpenApiExport
{
    public static async Task<string> RenderAsync(IServiceProvider services)
    {
        var provider = (ISwaggerProvider)services.GetService(typeof(ISwaggerProvider))!;
        var document = provider.GetSwagger(OpenApiExtensions.DocumentName);
        return await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0);
    }
}
