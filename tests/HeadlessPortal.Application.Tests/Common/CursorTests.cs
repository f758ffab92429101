using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Tests.Common;

public sealed class CursorTests
{
    [Fact]
    public void Decode_WhenGivenAnEncodedKey_ReturnsTheSameKey()
    {
        var key = Guid.CreateVersion7();
        Assert.True(Cursor.TryDecode(Cursor.Encode(key), out var decoded));
        Assert.Equal(key, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zz")]
    [InlineData("not a cursor!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Decode_WhenNotACursor_ReturnsFalse(string value) => Assert.False(Cursor.TryDecode(value, out _));

    [Fact]
    public void FromRows_WhenOneRowMoreThanLimit_ReturnsLimitRowsAndCursorOfLastReturned()
    {
        var rows = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        var page = CursorPage<Guid>.FromRows(rows, 3, r => r, r => r);

        Assert.True(page.HasMore);
        Assert.Equal(rows.Take(3), page.Data);
        Assert.True(Cursor.TryDecode(page.NextCursor, out var last));
        Assert.Equal(rows[2], last);
    }

    [Fact]
    public void FromRows_WhenAtMostLimitRows_HasNoMoreAndNoCursor()
    {
        var rows = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        var page = CursorPage<Guid>.FromRows(rows, 3, r => r, r => r);

        Assert.False(page.HasMore);
        Assert.Null(page.NextCursor);
        Assert.Equal(3, page.Data.Count);
    }
}
