using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tenancy.Administration;

namespace Platform.Samples;

/// <summary>
/// Loads tenants-sample/*.json: validates every file first and reports each problem by file and field; then creates
/// each tenant, or updates it to the file's values, so running it again changes nothing.
/// </summary>
public sealed class SampleTenantLoader(IServiceScopeFactory scopes, ILogger<SampleTenantLoader> logger)
{
    /// <summary>Top-level keys every file may carry besides the capability sections.</summary>
    private static readonly HashSet<string> DocumentationKeys = ["$schema", "about"];

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public async Task<IReadOnlyList<string>> LoadAsync(string directory, CancellationToken ct)
    {
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        var parsed = new List<(string File, CreateTenantRequest Tenant, Dictionary<string, JsonElement> Sections)>();
        var errors = new List<string>();

        await using (var scope = scopes.CreateAsyncScope())
        {
            var loaders = scope.ServiceProvider.GetServices<ISampleSectionLoader>().ToDictionary(l => l.Section);
            var validator = scope.ServiceProvider.GetRequiredService<IValidator<CreateTenantRequest>>();
            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                var fileErrors = await ValidateFileAsync(file, loaders, validator, ct);
                if (fileErrors.Problems.Count > 0)
                {
                    errors.AddRange(fileErrors.Problems.Select(e => $"{name}: {e.Field}: {e.Message}"));
                }
                else
                {
                    parsed.Add((name, fileErrors.Tenant!, fileErrors.Sections));
                }
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var (file, request, sections) in parsed)
        {
            await LoadTenantAsync(file, request, sections, ct);
        }

        return [];
    }

    private async Task LoadTenantAsync(string file, CreateTenantRequest request, Dictionary<string, JsonElement> sections, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PlatformDbContext>();
        var admin = services.GetRequiredService<TenantAdministration>();

        var existing = await db.Set<Tenant>().FirstOrDefaultAsync(t => t.Slug == request.Slug, ct);
        var tenant = existing is null
            ? await admin.CreateAsync(request, ct)
            : await admin.UpdateAsync(existing, new UpdateTenantRequest(
                request.DisplayName, request.Locale, request.TimeZone, request.DefaultCurrency, request.Plan, request.Branding), null, ct);
        services.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Slug);

        foreach (var loader in services.GetServices<ISampleSectionLoader>())
        {
            if (sections.TryGetValue(loader.Section, out var section))
            {
                await loader.LoadAsync(section, ct);
            }
        }

        logger.LogInformation("Sample tenant {Slug} {Outcome} from {File}", tenant.Slug, existing is null ? "created" : "up to date", file);
    }

    private static async Task<(List<SampleError> Problems, CreateTenantRequest? Tenant, Dictionary<string, JsonElement> Sections)> ValidateFileAsync(
        string path, Dictionary<string, ISampleSectionLoader> loaders, IValidator<CreateTenantRequest> validator, CancellationToken ct)
    {
        var problems = new List<SampleError>();
        var sections = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        JsonElement root;
        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ([new SampleError("(file)", $"not valid JSON: {ex.Message}")], null, sections);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tenant", out var tenantElement))
        {
            return ([new SampleError("tenant", "the file must be an object with a 'tenant' section.")], null, sections);
        }

        CreateTenantRequest? tenant = null;
        try
        {
            tenant = tenantElement.Deserialize<CreateTenantRequest>(Json);
        }
        catch (JsonException ex)
        {
            problems.Add(new SampleError("tenant" + (ex.Path ?? "").TrimStart('$'), ex.Message.Split(" Path:", 2)[0]));
        }

        if (tenant is not null)
        {
            var result = await validator.ValidateAsync(tenant, ct);
            problems.AddRange(result.Errors.Select(e => new SampleError("tenant." + ValidationFilter<CreateTenantRequest>.ToCamelPath(e.PropertyName), e.ErrorMessage)));
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "tenant" || DocumentationKeys.Contains(property.Name))
            {
                continue;
            }

            if (!loaders.TryGetValue(property.Name, out var loader))
            {
                problems.Add(new SampleError(property.Name, $"unknown section; known: tenant, {string.Join(", ", loaders.Keys.Order())}."));
                continue;
            }

            problems.AddRange(loader.Validate(property.Value).Select(e => e with { Field = $"{property.Name}.{e.Field}" }));
            sections[property.Name] = property.Value;
        }

        return (problems, tenant, sections);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpExtensions.ConfigureJson(options);
        return options;
    }
}
