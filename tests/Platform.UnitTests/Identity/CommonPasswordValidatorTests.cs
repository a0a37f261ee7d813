using Platform.Identity.Users;

namespace Platform.UnitTests.Identity;

public sealed class CommonPasswordValidatorTests
{
    /// <summary>10,000 lines; entries differing only in letter case count once (the check ignores case).</summary>
    [Fact]
    public void List_HasTheTenThousandMostCommon() => Assert.InRange(CommonPasswordValidator.Count, 9_900, 10_000);

    [Theory]
    [InlineData("password")]
    [InlineData("qwertyqwerty")]
    [InlineData("QWERTYQWERTY")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("iloveyou")]
    public void IsCommon_WellKnownPasswords_True(string password) => Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("correct horse battery staple 42")]
    [InlineData("Vt7#kq2!Lm9@wz")]
    public void IsCommon_UnusualPasswords_False(string password) => Assert.False(CommonPasswordValidator.IsCommon(password));
}
