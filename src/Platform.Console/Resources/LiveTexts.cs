namespace Platform.Console;

/// <summary>The live dashboard' texts: LiveTexts.resx (en) and LiveTexts.zh-CN.resx, read through IStringLocalizer&lt;LiveTexts&gt;.</summary>
public sealed class LiveTexts;
