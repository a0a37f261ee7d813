using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Http;
using Ticketing.Platform.Sdk;

namespace Platform.IntegrationTests.OpenApi;

/// <summary>
/// What the SDKs rely on in openapi/v1.json (issue #21), checked against the committed document and the sources:
/// no server needed.
/// </summary>
public sealed partial class ClientContractTests
{
    // A problem written in the sources: ApiProblems.X("code", …), new XxxException("code", …), ApiException(status, "code", …),
    // FieldProblems.X("code", …), WriteProblem(ctx, status, "code", …), and `const string Code = "code"`.
    [GeneratedRegex("""(?:ApiProblems\.(?!NotFound)\w+|new (?!NotFound)\w*Exception|FieldProblems\.(?!Invalid)\w+|WriteProblem)\((?:[^"()]*?, )?"(?<code>[a-z]+(?:_[a-z]+)+|[a-z]+)"|const string Code = "(?<code>[a-z_]+)"|\(\d{3}, "(?<code>[a-z]+(?:_[a-z]+)*)", "|\["code"\] = "(?<code>[a-z_]+)"|=> "(?<code>unauthenticated|forbidden|not_found|method_not_allowed)"(?:)""")]
    private static partial Regex ProblemCode();

    [Fact]
    public void ProblemCodes_ListEveryCodeTheSourcesAnswer()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var written = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ProblemCode().Matches(File.ReadAllText(f)).Select(m => (Code: m.Groups["code"].Value, File: Path.GetFileName(f))))
            .Where(c => c.Code.Length > 0)
            .ToList();

        Assert.True(written.Count > 40, $"The scan found only {written.Count} codes: the pattern no longer matches how problems are written.");
        var missing = written.Where(c => !ProblemCodes.All.Contains(c.Code)).Select(c => $"{c.Code} ({c.File})").Distinct().ToList();
        Assert.True(missing.Count == 0, "Problem codes missing from ProblemCodes.All (and so from the Problem.code enum): " + string.Join(", ", missing));
        Assert.Contains("hold_expired", written.Select(c => c.Code));
    }

    [Fact]
    public void SdkIdempotentRoutes_AreExactlyThePostsDeclaringIdempotencyKey()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "openapi", "v1.json")))!;
        var posts = document["paths"]!.AsObject()
            .Where(p => p.Value!["post"] is not null)
            .Select(p => (Path: p.Key, Declares: p.Value!["post"]!["parameters"]?.AsArray().Any(x => x!["name"]!.GetValue<string>() == "Idempotency-Key") == true))
            .ToList();

        Assert.Contains(posts, p => p.Declares);
        foreach (var (path, declares) in posts)
        {
            var concrete = Regex.Replace(path, @"\{[^}]+\}", "x1");
            Assert.True(IdempotentRoutes.Honours(concrete) == declares,
                $"POST {path}: the document says Idempotency-Key {(declares ? "is" : "is not")} honoured, the C# SDK's IdempotentRoutes disagrees.");
        }
    }

    [Fact]
    public void Document_EveryErrorIsAProblem_AndPaymentAnswersCarryTheirDiscriminator()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "openapi", "v1.json")))!;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                Assert.NotNull(operation!["responses"]!["503"]);
                foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
                {
                    Assert.Equal("#/components/schemas/Problem",
                        response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>());
                    if (status is "429" or "503")
                    {
                        Assert.NotNull(response["headers"]?["Retry-After"]);
                    }
                }

                if (operation["parameters"]?.AsArray().Any(p => p!["name"]!.GetValue<string>() == "Idempotency-Key") == true)
                {
                    Assert.All(operation["responses"]!.AsObject().Where(r => r.Key[0] == '2'),
                        r => Assert.NotNull(r.Value!["headers"]?["Idempotent-Replayed"]));
                }
            }
        }

        var schemas = document["components"]!["schemas"]!;
        Assert.Equal("order", schemas["OrderResponse"]!["properties"]!["object"]!["enum"]![0]!.GetValue<string>());
        Assert.Equal("payment_session", schemas["PaymentSessionResponse"]!["properties"]!["object"]!["enum"]![0]!.GetValue<string>());
        Assert.Equal("#/components/schemas/PaymentMethod", schemas["PayRequest"]!["properties"]!["method"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/PaymentStatus", schemas["PaymentResponse"]!["properties"]!["status"]!["$ref"]!.GetValue<string>());
        Assert.Equal(ProblemCodes.All.Count, schemas["ProblemCode"]!["enum"]!.AsArray().Count);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above the test assembly.");
    }
}
