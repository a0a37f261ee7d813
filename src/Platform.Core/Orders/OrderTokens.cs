namespace Platform.Orders;

/// <summary>The header an anonymous buyer presents with the order token returned on placement.</summary>
public static class OrderTokens
{
    public const string Header = "X-Order-Token";
}
