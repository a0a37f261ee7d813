using Platform.Http;
using Platform.Tenancy;
using Platform.Tenancy.Administration;

namespace Platform.UnitTests.Tenancy;

public sealed class TenantRulesTests
{
    [Theory]
    [InlineData("abc", true)]
    [InlineData("harbour-stadium", true)]
    [InlineData("ab", false)]
    [InlineData("-abc", false)]
    [InlineData("abc-", false)]
    [InlineData("Abc", false)]
    [InlineData("a_b_c", false)]
    public void SlugPattern_MatchesOnlyLowercaseHyphenatedSlugs(string slug, bool valid) =>
        Assert.Equal(valid, TenantRules.SlugPattern().IsMatch(slug));

    [Fact]
    public void SlugPattern_Accepts63CharactersButNot64()
    {
        Assert.Matches(TenantRules.SlugPattern(), new string('a', 63));
        Assert.DoesNotMatch(TenantRules.SlugPattern(), new string('a', 64));
    }

    [Theory]
    [InlineData("Europe/London", true)]
    [InlineData("Asia/Shanghai", true)]
    [InlineData("Mars/Base", false)]
    [InlineData(null, false)]
    public void IsTimeZone_AcceptsIanaIdsOnly(string? id, bool valid) => Assert.Equal(valid, TenantRules.IsTimeZone(id));

    [Theory]
    [InlineData("#1A2b3C", true)]
    [InlineData("1A2B3C", false)]
    [InlineData("#12345", false)]
    public void ColorPattern_AcceptsHexColours(string colour, bool valid) => Assert.Equal(valid, TenantRules.ColorPattern().IsMatch(colour));

    [Fact]
    public void QueryValues_ParsesSnakeCaseEnumValues()
    {
        Assert.True(QueryValues.TryParseEnum<TenantStatus>("suspended", out var status));
        Assert.Equal(TenantStatus.Suspended, status);
        Assert.False(QueryValues.TryParseEnum<TenantStatus>("Suspended", out _));
    }
}
