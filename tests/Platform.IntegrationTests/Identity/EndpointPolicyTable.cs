using System.Text.RegularExpressions;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// The (method, route) → policy table of docs/roles.md ("Endpoint policies"), read as the tests' independent
/// expectation: the endpoints' own metadata is what is under test, so it cannot also be the yardstick.
/// </summary>
internal static partial class EndpointPolicyTable
{
    public const string Anonymous = "anonymous";

    private static readonly Lazy<IReadOnlyDictionary<(string Method, string Route), string>> Rows = new(Load);

    public static IReadOnlyDictionary<(string Method, string Route), string> All => Rows.Value;

    /// <summary>
    /// A route pattern as the table (and OpenAPI) writes it: parameters without constraints, defaults or optional marks,
    /// and no trailing slash (a group's MapGet("/") ends in one).
    /// </summary>
    public static string Normalize(string pattern) =>
        RouteParameter().Replace(pattern.Length > 1 ? pattern.TrimEnd('/') : pattern, m => $"{{{m.Groups[1].Value}}}");

    /// <summary>The row to paste into docs/roles.md for an endpoint the table lacks.</summary>
    /// <remarks>The method is not in backticks: the matrix parser of the unit tests reads every row starting "| `".</remarks>
    public static string Row(string method, string route, string policy) => $"| {method} | `{route}` | `{policy}` |";

    private static Dictionary<(string, string), string> Load()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "roles.md");
        var rows = new Dictionary<(string, string), string>();
        foreach (Match m in TableRow().Matches(File.ReadAllText(path)))
        {
            var key = (m.Groups[1].Value, m.Groups[2].Value);
            Assert.True(rows.TryAdd(key, m.Groups[3].Value), $"docs/roles.md lists {key.Item1} {key.Item2} twice.");
        }

        return rows;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test assembly.");
    }

    [GeneratedRegex(@"^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*`(/[^`]+)`\s*\|\s*`([a-z-]+)`\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
