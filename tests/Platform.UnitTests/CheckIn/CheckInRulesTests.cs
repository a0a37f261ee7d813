using Platform.CheckIn;

namespace Platform.UnitTests.CheckIn;

public sealed class CheckInRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Clamp_NoTime_ServerTimeNotFlagged() => Assert.Equal((Now, false), ScanService.Clamp(null, Now));

    [Fact]
    public void Clamp_PlausibleDeviceTime_KeptInUtc()
    {
        var local = new DateTimeOffset(2026, 6, 1, 19, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal((local.ToUniversalTime(), false), ScanService.Clamp(local, Now));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(60 * 24 * 365)]
    [InlineData(-60 * 24 * 8)]
    public void Clamp_FarAheadOrTooOld_ServerTimeFlagged(int minutes) =>
        Assert.Equal((Now, true), ScanService.Clamp(Now.AddMinutes(minutes), Now));

    [Theory]
    [InlineData(4)]
    [InlineData(-60 * 24 * 6)]
    public void Clamp_WithinTolerance_DeviceTimeKept(int minutes) =>
        Assert.Equal((Now.AddMinutes(minutes), false), ScanService.Clamp(Now.AddMinutes(minutes), Now));

    [Fact]
    public void DeviceToken_StartsWithTenantAndHashesStably()
    {
        var tenant = Guid.NewGuid();
        var token = DeviceAuthentication.NewToken(tenant);

        Assert.StartsWith($"{tenant:N}.", token, StringComparison.Ordinal);
        Assert.Equal(DeviceAuthentication.Hash(token), DeviceAuthentication.Hash(token));
        Assert.NotEqual(DeviceAuthentication.Hash(token), DeviceAuthentication.Hash(DeviceAuthentication.NewToken(tenant)));
        Assert.Equal(64, DeviceAuthentication.Hash(token).Length);
    }
}
