using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace Platform.Api.Storefront;

/// <summary>
/// The storefront's texts (Pages/Storefront/Text.resx and Text.zh-CN.resx) in one explicit language. Explicit on
/// purpose: a culture set on the thread inside a page handler does not flow on to the view rendering that follows,
/// so looking texts up by CultureInfo.CurrentUICulture would render the fallback language.
/// </summary>
public sealed class Texts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("Platform.Api.Pages.Storefront.Text", typeof(Texts).Assembly);

    public LocalizedString this[string name]
    {
        get
        {
            var value = Resources.GetString(name, culture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return format.ResourceNotFound ? format : new LocalizedString(name, string.Format(culture, format.Value, arguments));
        }
    }
}
