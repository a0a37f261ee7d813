using System.Collections;
using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// Declares which fields are required, from the code, so the SDKs type them as present (issue #13: the document
/// declared nothing required and integrators learned required fields from 422s).
/// <list type="bullet">
/// <item>Answers (types reachable from a response): every property that is not nullable in C# is always sent, so it
/// is required and not nullable. Nullable ones stay optional.</item>
/// <item>Request bodies (types reachable from a body): a property is required when the type's FluentValidation
/// validator refuses it missing unconditionally (NotNull/NotEmpty without When); it is then also not nullable. Request
/// records keep nullable C# properties on purpose (a missing field is a 422 naming it, not a 400), so C# nullability
/// says nothing there. A type used in both directions is treated as a request type.</item>
/// </list>
/// </summary>
internal sealed class RequiredPropertiesFilter(IServiceProvider services) : IDocumentFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var requestTypes = Reachable(context.ApiDescriptions.SelectMany(d => d.ParameterDescriptions)
            .Where(p => p.Source == BindingSource.Body).Select(p => p.Type));
        var responseTypes = Reachable(context.ApiDescriptions.SelectMany(d => d.SupportedResponseTypes).Select(r => r.Type));
        responseTypes.ExceptWith(requestTypes);

        foreach (var type in responseTypes)
        {
            Require(context, type, type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => Nullability.Create(p).ReadState == NullabilityState.NotNull).Select(p => p.Name));
        }

        using var scope = services.CreateScope();
        foreach (var type in requestTypes)
        {
            Require(context, type, ValidatorRequired(scope.ServiceProvider, type));
        }
    }

    /// <summary>Marks the named C# properties of <paramref name="type"/>'s schema required and not nullable.</summary>
    private static void Require(DocumentFilterContext context, Type type, IEnumerable<string> propertyNames)
    {
        if (!context.SchemaRepository.TryLookupByType(type, out var reference)
            || reference.Reference.Id is not { } id
            || !context.SchemaRepository.Schemas.TryGetValue(id, out var found)
            || found is not OpenApiSchema { Properties: { Count: > 0 } properties } schema)
        {
            return;
        }

        foreach (var name in propertyNames)
        {
            var key = properties.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                continue;
            }

            schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
            schema.Required.Add(key);
            if (properties[key] is OpenApiSchema { Type: { } t } property && t.HasFlag(JsonSchemaType.Null))
            {
                property.Type = t & ~JsonSchemaType.Null;
            }
        }
    }

    /// <summary>Properties the type's validator refuses when missing, whatever the rest of the request says.</summary>
    private static IEnumerable<string> ValidatorRequired(IServiceProvider services, Type type)
    {
        if (services.GetService(typeof(IValidator<>).MakeGenericType(type)) is not IValidator validator)
        {
            return [];
        }

        // A rule inside When(...) { } carries its condition on the rule, a .When() after a validator on the component:
        // either makes the field required only sometimes, which the document cannot say.
        var descriptor = validator.CreateDescriptor();
        return descriptor.GetMembersWithValidators().Select(member => member.Key)
            // Rules on a nested path ("Price.Amount") or on no member (Custom) say nothing about a property of this type.
            .Where(key => key is not null && !key.Contains('.', StringComparison.Ordinal))
            .Where(key => descriptor.GetRulesForMember(key).Any(rule => !rule.HasCondition && !rule.HasAsyncCondition &&
                rule.Components.Any(c => c.Validator is INotNullValidator or INotEmptyValidator && !c.HasCondition && !c.HasAsyncCondition)))
            .ToList();
    }

    /// <summary>The object types a set of types reaches through properties, collections and generic arguments.</summary>
    private static HashSet<Type> Reachable(IEnumerable<Type?> roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots.OfType<Type>());
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string))
            {
                continue;
            }

            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
                continue;
            }

            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }
            }

            // Collections are their items; framework types (Guid, DateTimeOffset, JsonElement, ProblemDetails) are not ours.
            if (typeof(IEnumerable).IsAssignableFrom(type) || type.Namespace is not { } ns || !ns.StartsWith("Platform", StringComparison.Ordinal))
            {
                continue;
            }

            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(property.PropertyType);
            }
        }

        return seen;
    }
}
