namespace Platform.Console;

/// <summary>The venue pages' texts: VenueTexts.resx (en) and VenueTexts.zh-CN.resx, read through IStringLocalizer&lt;VenueTexts&gt;.</summary>
public sealed class VenueTexts;
