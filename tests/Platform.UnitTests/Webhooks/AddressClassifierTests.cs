using System.Net;
using Platform.Webhooks;

namespace Platform.UnitTests.Webhooks;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("64:ff9b::a00:1", "private")]
    public void Refusal_NonPublicAddress_NamesTheRange(string address, string reason)
    {
        Assert.StartsWith(reason, AddressClassifier.Refusal(IPAddress.Parse(address)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Refusal_PublicAddress_Null(string address)
    {
        Assert.Null(AddressClassifier.Refusal(IPAddress.Parse(address)));
    }
}
