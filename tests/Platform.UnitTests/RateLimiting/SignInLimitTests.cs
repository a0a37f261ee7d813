using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.RateLimiting;

namespace Platform.UnitTests.RateLimiting;

/// <summary>
/// Credential submissions (the token endpoint, the sign-in pages) have a strict per-IP bucket of their own: a sweep of
/// client secrets or passwords from one address is cut off, while pages and other addresses are untouched.
/// </summary>
public sealed class SignInLimitTests
{
    private static PartitionedRateLimiter<HttpContext> Limiter()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["RateLimits:SignIn:PermitsPerMinute"] = "1";
        builder.Configuration["RateLimits:SignIn:Burst"] = "2";
        builder.AddPlatformRateLimiting();
        return builder.Services.BuildServiceProvider().GetRequiredService<PartitionedRateLimiter<HttpContext>>();
    }

    private static DefaultHttpContext Request(string method, string path, string ip = "203.0.113.7")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        return context;
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/Account/Login")]
    public void ThirdPostFromOneAddress_IsRefused(string path)
    {
        var limiter = Limiter();

        Assert.True(limiter.AttemptAcquire(Request("POST", path)).IsAcquired);
        Assert.True(limiter.AttemptAcquire(Request("POST", path)).IsAcquired);
        Assert.False(limiter.AttemptAcquire(Request("POST", path)).IsAcquired);
        Assert.True(limiter.AttemptAcquire(Request("POST", path, ip: "203.0.113.8")).IsAcquired); // another address
    }

    [Fact]
    public void PagesAndOtherPaths_AreNotCountedAsSignIns()
    {
        var limiter = Limiter();

        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.AttemptAcquire(Request("GET", "/Account/Login")).IsAcquired);
            Assert.True(limiter.AttemptAcquire(Request("POST", "/t/some-shop/checkout")).IsAcquired);
        }
    }
}
