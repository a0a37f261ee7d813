using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using NetEscapades.AspNetCore.SecurityHeaders;

namespace Platform.SecurityHeaders;

public static class CspNonceExtensions
{
    /// <summary>
    /// This request's Content-Security-Policy nonce: the value the page policy's script-src allows. Put it on any
    /// inline script as <c>nonce="@Context.CspNonce()"</c>, or use the <c>csp-nonce</c> attribute (<see cref="CspNonceTagHelper"/>).
    /// </summary>
    public static string CspNonce(this HttpContext context) => context.GetNonce();
}

/// <summary>
/// <c>&lt;script csp-nonce&gt;…&lt;/script&gt;</c> renders <c>nonce="…"</c> with the request's nonce, so an inline
/// script on any Razor page runs under the page policy (which refuses every inline script without it).
/// </summary>
[HtmlTargetElement("script", Attributes = AttributeName)]
[HtmlTargetElement("style", Attributes = AttributeName)]
public sealed class CspNonceTagHelper : TagHelper
{
    private const string AttributeName = "csp-nonce";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(AttributeName);
        output.Attributes.SetAttribute("nonce", ViewContext.HttpContext.CspNonce());
    }
}
