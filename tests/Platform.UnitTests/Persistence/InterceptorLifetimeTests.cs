using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Persistence;

namespace Platform.UnitTests.Persistence;

/// <summary>
/// The DbContext options are built once per process, so every interceptor they hold must be a singleton; a scoped one
/// is refused when the options are built, also where scope validation is off (Production), instead of silently
/// becoming one instance shared by every request.
/// </summary>
public sealed class InterceptorLifetimeTests
{
    [Fact]
    public void ScopedInterceptor_ScopeValidationOff_OptionsRefuseToBuild()
    {
        using var provider = Provider(s => s.AddScoped<IInterceptor, CountingInterceptor>());

        var refusal = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<DbContextOptions<PlatformDbContext>>());

        Assert.Contains("CountingInterceptor (Scoped)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingletonInterceptor_OptionsCarryIt()
    {
        using var provider = Provider(s => s.AddSingleton<IInterceptor, CountingInterceptor>());

        var options = provider.GetRequiredService<DbContextOptions<PlatformDbContext>>();

        var interceptors = options.FindExtension<CoreOptionsExtension>()!.Interceptors!;
        Assert.Contains(interceptors, i => i is CountingInterceptor);
    }

    /// <summary>The persistence registrations as the app makes them, with scope validation off as in Production.</summary>
    private static ServiceProvider Provider(Action<IServiceCollection> addInterceptor)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration["Database:ConnectionString"] = "Host=127.0.0.1;Database=unused;Username=unused";
        builder.AddPersistence();
        addInterceptor(builder.Services);
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = false });
    }

    private sealed class CountingInterceptor : SaveChangesInterceptor;
}
