using Platform.Authorization;

namespace Platform.UnitTests.Identity;

public sealed class PermissionMatrixTests
{
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException("Repository root not found.");
    }

    /// <summary>Policy → (scope, roles marked "yes") as written in docs/roles.md.</summary>
    private static Dictionary<string, (string Scope, HashSet<string> Roles)> DocumentedMatrix()
    {
        var lines = File.ReadAllLines(RepositoryFile("docs/roles.md"));
        var header = lines.First(l => l.StartsWith("| Policy |", StringComparison.Ordinal))
            .Split('|', StringSplitOptions.TrimEntries)[1..^1];
        var matrix = new Dictionary<string, (string, HashSet<string>)>();
        foreach (var line in lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries)[1..^1];
            var roles = new HashSet<string>();
            for (var i = 2; i < header.Length - 1; i++)
            {
                Assert.Contains(cells[i], new[] { "yes", "no" });
                if (cells[i] == "yes")
                {
                    roles.Add(header[i]);
                }
            }

            matrix[cells[0].Trim('`')] = (cells[1].Trim('`'), roles);
        }

        return matrix;
    }

    [Fact]
    public void RolesDocument_ListsEveryTenantRoleAsAColumn()
    {
        var header = File.ReadAllLines(RepositoryFile("docs/roles.md")).First(l => l.StartsWith("| Policy |", StringComparison.Ordinal));
        Assert.All(PlatformRoles.TenantRoles, role => Assert.Contains($"| {role} |", header, StringComparison.Ordinal));
    }

    [Fact]
    public void Policies_EqualTheDocumentedMatrix()
    {
        var documented = DocumentedMatrix();

        Assert.Equal(Policies.TenantPermissions.Keys.Order(), documented.Keys.Order());
        foreach (var (policy, requirement) in Policies.TenantPermissions)
        {
            Assert.Equal(requirement.Scope, documented[policy].Scope);
            Assert.Equal(requirement.Roles.Order(), documented[policy].Roles.Order());
        }
    }

    [Fact]
    public void EveryScope_GuardsAPolicy()
    {
        // A scope may guard more than one policy (reports:read guards reports-read and finance-read, ADR 0041).
        Assert.Equal(PlatformScopes.All.Order(), Policies.TenantPermissions.Values.Select(r => r.Scope).Distinct().Order());
    }
}
