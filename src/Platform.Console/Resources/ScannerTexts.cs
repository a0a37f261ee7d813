namespace Platform.Console;

/// <summary>The gate scanner page' texts: ScannerTexts.resx (en) and ScannerTexts.zh-CN.resx, read through IStringLocalizer&lt;ScannerTexts&gt;.</summary>
public sealed class ScannerTexts;
