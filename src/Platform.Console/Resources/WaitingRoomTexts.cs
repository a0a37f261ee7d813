namespace Platform.Console;

/// <summary>The waiting-room page's texts: WaitingRoomTexts.resx (en) and WaitingRoomTexts.zh-CN.resx, read through IStringLocalizer&lt;WaitingRoomTexts&gt;.</summary>
public sealed class WaitingRoomTexts;
