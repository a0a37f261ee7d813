using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.Tenancy;

namespace Platform.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args)
    {
        var options = PersistenceExtensions.Configure(new DbContextOptionsBuilder<PlatformDbContext>(),
            "Host=127.0.0.1;Database=platform_design");
        return new PlatformDbContext((DbContextOptions<PlatformDbContext>)options.Options, new TenantContext());
    }
}
