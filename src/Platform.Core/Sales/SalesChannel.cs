namespace Platform.Sales;

/// <summary>Where a sale happens. Sales windows, ticket visibility, pricing rules and orders all speak these.</summary>
public enum SalesChannel
{
    Web,
    App,
    BoxOffice,
    Reseller,
    MiniProgram,
}
