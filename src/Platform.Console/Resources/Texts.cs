namespace Platform.Console;

/// <summary>The console's texts: Texts.resx (en) and Texts.zh-CN.resx, read through IStringLocalizer&lt;Texts&gt;.</summary>
public sealed class Texts;
