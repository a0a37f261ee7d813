namespace Platform.PostEvent;

/// <summary>Configuration section <c>PostEvent</c>: how often checkout outcome counts are written (ADR 0051).</summary>
public sealed class PostEventOptions
{
    public const string Section = "PostEvent";

    /// <summary>At most this much of the counts is lost when a node crashes; each flush is one statement per tenant.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);
}
