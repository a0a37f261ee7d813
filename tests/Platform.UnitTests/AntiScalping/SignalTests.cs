using System.Net;
using Platform.AntiScalping;

namespace Platform.UnitTests.AntiScalping;

public sealed class SignalTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("name1@x.com", "name#@x.com")]
    [InlineData("Name22@X.com", "name#@x.com")]
    [InlineData("name+7@x.com", "name#@x.com")]
    [InlineData("name+fans@x.com", "name#@x.com")]
    [InlineData("name@x.com", null)]
    [InlineData("12345@x.com", null)]
    [InlineData("not-an-email", null)]
    public void SequentialStem_GroupsNumberedAndTaggedAddressesOnly(string email, string? stem) =>
        Assert.Equal(stem, Identities.SequentialStem(email));

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::/48")]
    public void Subnet_IsThe24Or48(string address, string subnet) => Assert.Equal(subnet, Identities.Subnet(IPAddress.Parse(address)));

    [Theory]
    [InlineData("a@mailinator.com", true)]
    [InlineData("a@eu.mailinator.com", true)]
    [InlineData("a@example.org", false)]
    [InlineData("a@gmail.com", false)]
    [InlineData("a@com", false)]
    public void DisposableDomains_ShippedListAndItsSubdomains(string email, bool disposable)
    {
        Assert.Equal(disposable, DisposableDomains.IsDisposable(email));
        Assert.True(DisposableDomains.Count > 100_000);
    }

    [Fact]
    public void Observe_SequentialEmailsFromOneSubnet_CountsSiblingsSubnetAndExcludesTheOrderItself()
    {
        var signals = new RiskSignals(new RiskWindow(TimeSpan.FromMinutes(30)));
        RiskFeatures last = null!;
        for (var i = 1; i <= 5; i++)
        {
            last = signals.Observe(new RiskAttempt(Tenant, $"bot{i}@farm.example", null, null, IPAddress.Parse($"10.9.8.{i}"), 6, 6, null, T0.AddSeconds(i)));
        }

        Assert.Equal((4f, 4f, 4f, 0f, 1f, 1f), (last.SequentialSiblings, last.SubnetOrders, last.SubnetEmails, last.IpOrders, last.QuantityShare, last.IpChurn));
    }

    [Fact]
    public void Observe_OneBuyerFromManyAddresses_IpChurnAndBuyerVelocity()
    {
        var signals = new RiskSignals(new RiskWindow(TimeSpan.FromMinutes(30)));
        RiskFeatures last = null!;
        for (var i = 1; i <= 4; i++)
        {
            last = signals.Observe(new RiskAttempt(Tenant, "same@example.org", "+1 (555) 010-0000", "device-1", IPAddress.Parse($"100.{i}.0.1"), 2, 10,
                T0.AddSeconds(i - 3), T0.AddSeconds(i)));
        }

        Assert.Equal((3f, 3f, 3f, 4f, 0f, 3f), (last.EmailOrders, last.PhoneOrders, last.DeviceOrders, last.IpChurn, last.SequentialSiblings, last.PassToOrderSeconds));
    }

    [Fact]
    public void Observe_AnotherTenantsTraffic_NeverCounts()
    {
        var signals = new RiskSignals(new RiskWindow(TimeSpan.FromMinutes(30)));
        for (var i = 1; i <= 5; i++)
        {
            signals.Observe(new RiskAttempt(Guid.NewGuid(), $"bot{i}@farm.example", null, null, IPAddress.Parse("10.9.8.1"), 6, 6, null, T0));
        }

        var mine = signals.Observe(new RiskAttempt(Tenant, "bot6@farm.example", null, null, IPAddress.Parse("10.9.8.1"), 6, 6, null, T0));

        Assert.Equal((0f, 0f, 0f), (mine.SequentialSiblings, mine.IpOrders, mine.SubnetOrders));
    }

    [Fact]
    public void Window_EventsOlderThanTheWindow_NoLongerCount()
    {
        var window = new RiskWindow(TimeSpan.FromMinutes(10));
        window.Record("k", 1, T0);
        window.Record("k", 2, T0.AddMinutes(5));

        Assert.Equal((2, 2), window.Read("k", T0.AddMinutes(9)));
        Assert.Equal((1, 1), window.Read("k", T0.AddMinutes(11)));
        window.Sweep(T0.AddMinutes(30));
        Assert.Equal(0, window.Keys);
    }

    [Fact]
    public void Policy_HardRuleAndThreshold()
    {
        var disposable = new RiskFeatures { DisposableEmail = 1 };
        Assert.Equal(RiskDecisions.Block, RiskPolicy.Decide("flag", 0.9f, true, disposable, 0.1f));
        Assert.Equal(RiskDecisions.Allow, RiskPolicy.Decide("off", 0.9f, true, disposable, 0.99f));
        Assert.Equal(RiskDecisions.Review, RiskPolicy.Decide("review", 0.8f, false, disposable, 0.8f));
        Assert.Equal(RiskDecisions.Allow, RiskPolicy.Decide("review", 0.8f, false, disposable, 0.79f));
    }
}
