using Platform.Pricing.Quotes;

namespace Platform.Api.Pages.Storefront;

/// <summary>
/// What the quote partial shows: the quote service's own breakdown (never recomputed here), with ticket type names
/// and each adjustment labelled in the buyer's language by its kind; the engine's English explanation is used for
/// kinds the texts do not know, and in English.
/// </summary>
public sealed record QuoteView(StorefrontPage Page, QuoteResponse Quote, IReadOnlyDictionary<Guid, string> Names)
{
    public string Label(string kind, string explanation)
    {
        if (Page.Language == "en")
        {
            return explanation;
        }

        var text = Page.T["adjustment." + kind];
        return text.ResourceNotFound ? explanation : text.Value;
    }
}
