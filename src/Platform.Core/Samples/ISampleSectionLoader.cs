using System.Text.Json;

namespace Platform.Samples;

/// <summary>
/// Loads one named section of a sample tenant file (venues, pricing rules, ...). Each capability registers its own,
/// so the file format grows with the platform. Loading runs inside the tenant's unit of work and must be idempotent.
/// </summary>
public interface ISampleSectionLoader
{
    string Section { get; }

    /// <summary>Problems with the section as "field: message" pairs; empty when it can be loaded.</summary>
    IReadOnlyList<SampleError> Validate(JsonElement section);

    Task LoadAsync(JsonElement section, CancellationToken ct);
}

public sealed record SampleError(string Field, string Message);
