using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace Platform.Api.Storefront;

/// <summary>
/// A page family's texts (a .resx and its .zh-CN.resx) in one explicit language. Explicit on purpose: a culture set
/// on the thread inside a page handler does not flow on to the view rendering that follows, so looking texts up by
/// CultureInfo.CurrentUICulture would render the fallback language.
/// </summary>
public sealed class Texts(CultureInfo culture, ResourceManager? resources = null)
{
    /// <summary>The storefront's texts: Pages/Storefront/Text.resx.</summary>
    public static readonly ResourceManager Storefront = new("Platform.Api.Pages.Storefront.Text", typeof(Texts).Assembly);

    /// <summary>The sign-in, account and consent pages' texts: Pages/Account/AccountText.resx.</summary>
    public static readonly ResourceManager Account = new("Platform.Api.Pages.Account.AccountText", typeof(Texts).Assembly);

    private readonly ResourceManager resources = resources ?? Storefront;

    public CultureInfo Culture => culture;

    public LocalizedString this[string name]
    {
        get
        {
            var value = resources.GetString(name, culture);
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
