namespace Platform.Console;

/// <summary>The post-event report pages' texts: PostEventTexts.resx (en) and PostEventTexts.zh-CN.resx, read through IStringLocalizer&lt;PostEventTexts&gt;.</summary>
public sealed class PostEventTexts;
