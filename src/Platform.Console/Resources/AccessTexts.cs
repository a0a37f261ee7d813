namespace Platform.Console;

/// <summary>
/// Texts of the members-and-access pages (Pages/Access): AccessTexts.resx (en) and AccessTexts.zh-CN.resx, kept apart
/// from Texts.resx so that branches adding pages at the same time do not edit one file.
/// </summary>
public sealed class AccessTexts;
