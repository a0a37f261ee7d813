using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Platform.Http;
using Platform.Persistence;
using Platform.Pricing.Rules;
using Platform.Samples;

namespace Platform.Pricing.Samples;

/// <summary>
/// The <c>pricingRules</c> section of a sample tenant: an array of rules in the shape of POST /api/v1/pricing-rules.
/// A rule is matched by name, so loading again updates it in place instead of adding a copy.
/// </summary>
internal sealed class PricingRulesSampleLoader(PlatformDbContext db, PricingRuleStore store, IValidator<PricingRuleRequest> validator)
    : ISampleSectionLoader
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public string Section => "pricingRules";

    public IReadOnlyList<SampleError> Validate(JsonElement section)
    {
        if (section.ValueKind != JsonValueKind.Array)
        {
            return [new SampleError("(section)", "must be an array of pricing rules.")];
        }

        var errors = new List<SampleError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in section.EnumerateArray())
        {
            var at = $"[{index++}]";
            PricingRuleRequest? request;
            try
            {
                request = element.Deserialize<PricingRuleRequest>(Json);
            }
            catch (JsonException ex)
            {
                errors.Add(new SampleError(at + (ex.Path ?? "").TrimStart('$'), ex.Message.Split(" Path:", 2)[0]));
                continue;
            }

            if (request is null)
            {
                errors.Add(new SampleError(at, "must be a pricing rule object."));
                continue;
            }

            errors.AddRange(validator.Validate(request).Errors.Select(e =>
                new SampleError($"{at}.{ValidationFilter<PricingRuleRequest>.ToCamelPath(e.PropertyName)}", e.ErrorMessage)));
            if (request.Name is { } name && !names.Add(name.Trim()))
            {
                errors.Add(new SampleError($"{at}.name", "names must be unique within the section (they identify a rule on reload)."));
            }
        }

        return errors;
    }

    public async Task LoadAsync(JsonElement section, CancellationToken ct)
    {
        foreach (var element in section.EnumerateArray())
        {
            var request = element.Deserialize<PricingRuleRequest>(Json)!;
            var name = request.Name!.Trim();
            var existing = await db.Set<PricingRule>().FirstOrDefaultAsync(r => r.Name == name, ct);
            if (existing is null)
            {
                await store.CreateAsync(request, ct);
            }
            else
            {
                await store.ReplaceAsync(existing, request, null, ct);
            }
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpExtensions.ConfigureJson(options);
        return options;
    }
}
