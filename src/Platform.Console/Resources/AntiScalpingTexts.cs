namespace Platform.Console;

/// <summary>The anti-scalping page's texts: AntiScalpingTexts.resx (en) and AntiScalpingTexts.zh-CN.resx, read through IStringLocalizer&lt;AntiScalpingTexts&gt;.</summary>
public sealed class AntiScalpingTexts;
