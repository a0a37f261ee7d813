using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Http;
using Platform.Persistence;
using Platform.Samples;

namespace Platform.Venues;

/// <summary>
/// A ring of identical seated sections around the centre of a bowl, so a stadium is a few lines of the sample file
/// rather than 40,000 seats: sections numbered from firstNumber, each rows × seatsPerRow, rows facing the centre.
/// </summary>
internal sealed record SampleRing(
    int? FirstNumber, int? Sections, int? Rows, int? SeatsPerRow, double? Radius, string? PriceZone, string? NamePrefix);

internal sealed record SampleVenue(
    string? Name, string? Address, IReadOnlyList<PriceZoneRequest>? PriceZones, IReadOnlyList<SectionRequest>? Sections,
    IReadOnlyList<SampleRing>? Rings)
{
    public VenueDocument ToDocument() =>
        new(Name, Address, PriceZones, [.. Sections ?? [], .. (Rings ?? []).SelectMany(Expand)]);

    /// <summary>Places section i at angle 360·i/n, its first row at the radius and its seats along the tangent.</summary>
    internal static IEnumerable<SectionRequest> Expand(SampleRing ring)
    {
        var count = ring.Sections ?? 0;
        var perRow = ring.SeatsPerRow ?? 0;
        var radius = ring.Radius ?? 100;
        for (var i = 0; i < count; i++)
        {
            var angle = 2 * Math.PI * i / count;
            var rotation = (angle * 180 / Math.PI) - 90;
            var halfWidth = (perRow - 1) / 2.0;
            var originX = (radius * Math.Cos(angle)) - (halfWidth * Math.Sin(angle));
            var originY = (radius * Math.Sin(angle)) + (halfWidth * Math.Cos(angle));
            var code = ((ring.FirstNumber ?? 1) + i).ToString(CultureInfo.InvariantCulture);
            yield return new SectionRequest(code, $"{ring.NamePrefix ?? "Section"} {code}", SectionKind.Seated, null, ring.PriceZone, null,
                new SeatGridRequest(ring.Rows, perRow, null, 1, Math.Round(originX, 3), Math.Round(originY, 3), 1, 1, rotation,
                    null, null, null, null), null);
        }
    }
}

/// <summary>
/// The "venues" section of a sample tenant file. Idempotent: a venue whose name the tenant already has is left as is.
/// </summary>
internal sealed class VenueSampleLoader(
    VenueService venues, PlatformDbContext db, IValidator<VenueDocument> validator, ILogger<VenueSampleLoader> logger) : ISampleSectionLoader
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public string Section => "venues";

    public IReadOnlyList<SampleError> Validate(JsonElement section)
    {
        if (!TryRead(section, out var items, out var error))
        {
            return [error!];
        }

        var problems = new List<SampleError>();
        for (var i = 0; i < items.Count; i++)
        {
            var result = validator.Validate(items[i].ToDocument());
            problems.AddRange(result.Errors.Select(e => new SampleError($"[{i}].{e.PropertyName}", e.ErrorMessage)));
        }

        return problems;
    }

    public async Task LoadAsync(JsonElement section, CancellationToken ct)
    {
        TryRead(section, out var items, out _);
        foreach (var item in items)
        {
            var document = item.ToDocument();
            if (await db.Set<Venue>().AnyAsync(v => v.Name == document.Name, ct))
            {
                logger.LogInformation("Sample venue {Name} already present", document.Name);
                continue;
            }

            var watch = Stopwatch.StartNew();
            await venues.ImportAsync(document, ct);
            logger.LogInformation("Sample venue {Name} loaded in {Elapsed} ms", document.Name, watch.ElapsedMilliseconds);
        }
    }

    private static bool TryRead(JsonElement section, out List<SampleVenue> items, out SampleError? error)
    {
        error = null;
        items = [];
        try
        {
            items = section.Deserialize<List<SampleVenue>>(Json) ?? [];
            return true;
        }
        catch (JsonException ex)
        {
            error = new SampleError(ex.Path?.TrimStart('$') ?? "", ex.Message.Split(" Path:", 2)[0]);
            return false;
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpExtensions.ConfigureJson(options);
        return options;
    }
}
