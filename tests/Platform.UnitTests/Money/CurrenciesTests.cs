using Platform.Money;

namespace Platform.UnitTests.Money;

public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("CNY", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    public void MinorUnitDigits_KnownCurrency_MatchesIso4217(string code, int digits) =>
        Assert.Equal(digits, Currencies.MinorUnitDigits(code));

    [Theory]
    [InlineData("XYZ")]
    [InlineData("eur")]
    [InlineData("")]
    [InlineData(null)]
    public void IsKnown_NotAnIsoCode_IsFalse(string? code) => Assert.False(Currencies.IsKnown(code));

    [Theory]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("CNY")]
    [InlineData("JPY")]
    public void IsKnown_IsoCode_IsTrue(string code) => Assert.True(Currencies.IsKnown(code));

    [Theory]
    [InlineData(1999, "EUR", "en", "19.99 EUR")]
    [InlineData(1999, "JPY", "en", "1,999 JPY")]
    [InlineData(12345, "KWD", "en", "12.345 KWD")]
    [InlineData(880000, "CNY", "zh-CN", "8,800.00 CNY")]
    public void Format_UsesTheCurrencysMinorUnit(long minor, string code, string locale, string expected) =>
        Assert.Equal(expected, Currencies.Format(minor, code, locale));
}
