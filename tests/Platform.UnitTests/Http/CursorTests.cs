using Platform.Http;

namespace Platform.UnitTests.Http;

public sealed class CursorTests
{
    [Fact]
    public void Encode_ThenDecode_ReturnsSameId()
    {
        var id = Guid.CreateVersion7();
        Assert.True(Cursor.TryDecode(Cursor.Encode(id), out var decoded));
        Assert.Equal(id, decoded);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("AAAA")]
    [InlineData("%%%")]
    public void TryDecode_Garbage_Fails(string cursor) => Assert.False(Cursor.TryDecode(cursor, out _));

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Validate_LimitOutOfRange_ReportsLimit(int limit) =>
        Assert.Contains("limit", Cursor.Validate(limit, null, out _, out _).Keys);

    [Fact]
    public void Page_MoreRowsThanLimit_SetsNextCursorToLastReturned()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        var page = Cursor.Page(ids, 2, id => id, id => id);
        Assert.Equal(ids.Take(2), page.Data);
        Assert.True(Cursor.TryDecode(page.NextCursor, out var next));
        Assert.Equal(ids[1], next);
    }

    [Fact]
    public void Page_LastPage_HasNoNextCursor() =>
        Assert.Null(Cursor.Page(new[] { Guid.CreateVersion7() }, 2, id => id, id => id).NextCursor);
}
