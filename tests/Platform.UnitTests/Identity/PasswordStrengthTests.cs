using Platform.Identity.Users;

namespace Platform.UnitTests.Identity;

public sealed class PasswordStrengthTests
{
    private static readonly string[] Personal = ["ada.lovelace@example.com", "Ada Lovelace", "Analytical Engines", "analytical-engines"];

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password123!")]
    [InlineData("P@ssw0rd2024!")]
    [InlineData("1234Qwerty!!!!")]
    public void Problems_CommonPasswordDressedUp_SaysCommon(string password) =>
        Assert.Contains(PasswordStrength.Problems(password, Personal), p => p.Contains("common password", StringComparison.Ordinal));

    [Theory]
    [InlineData("ada.lovelace@example.com")]
    [InlineData("ADA LOVELACE")]
    public void Problems_TheEmailOrNameItself_SaysSo(string password) =>
        Assert.Contains(PasswordStrength.Problems(password, Personal), p => p.Contains("is your email address", StringComparison.Ordinal));

    [Theory]
    [InlineData("ada.lovelace")]
    [InlineData("AdaLovelace1815!")]
    [InlineData("lovelace-ada-1852")]
    [InlineData("Analytical!Engines!99")]
    [InlineData("Engines4nalytical")]
    public void Problems_BuiltFromEmailNameOrOrganisation_SaysBuiltFrom(string password) =>
        Assert.Contains(PasswordStrength.Problems(password, Personal), p => p.Contains("built from your email address", StringComparison.Ordinal));

    [Theory]
    [InlineData("abcdefghijkl")]
    [InlineData("qazwsxedcrfv")]
    public void Problems_LowZxcvbnScore_SaysTooEasy(string password) =>
        Assert.Contains(PasswordStrength.Problems(password, []), p => p.Contains("too easy to guess", StringComparison.Ordinal));

    [Theory]
    [InlineData("correct horse battery staple 42")]
    [InlineData("velvet anchor drizzle lantern 58")]
    [InlineData("Vt7#kq2!Lm9@wz")]
    [InlineData("Ada's violin hums under Orion")]
    public void Problems_StrongPasswords_None(string password) => Assert.Empty(PasswordStrength.Problems(password, Personal));

    [Fact]
    public void Variants_ReadsLookAlikesInsideTheWordOnly() =>
        Assert.Equal(["psswrd", "password"], PasswordStrength.Variants("P@ssw0rd2024!"));
}
