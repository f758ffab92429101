using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// On SQLite a list in a query is one JSON parameter (decision 17). The API writes it with its own converter, which must
/// write exactly the JSON EF's own converter writes, and the rows found with it must be the same.
/// </summary>
public sealed class SqliteListParametersTests : MigratedSqliteTests
{
    public static TheoryData<List<Guid>> IdLists() => new()
    {
        new List<Guid>(),
        new List<Guid> { Guid.Parse("0191e0a3-7c4f-7b1e-9d2a-5f3c8e1b4a6d") },
        new List<Guid> { Guid.Empty, Guid.AllBitsSet, Guid.CreateVersion7(), Guid.NewGuid() },
    };

    public static TheoryData<List<string>> TextLists() => new()
    {
        new List<string>(),
        new List<string> { "BU-1" },
        new List<string> { "quote \" and backslash \\", "<b>&amp;'</b>", "café ünïcödé", "tab\tnew line\n", "emoji 🔧", "" },
    };

    [Theory]
    [MemberData(nameof(IdLists))]
    public void AListOfIds_IsWrittenAsEfWritesIt(List<Guid> ids) =>
        Assert.Equal(EfConverter(typeof(List<Guid>)).ConvertToProvider(ids), AppConverter(typeof(List<Guid>)).ConvertToProvider(ids));

    [Theory]
    [MemberData(nameof(TextLists))]
    public void AListOfTexts_IsWrittenAsEfWritesIt(List<string> texts) =>
        Assert.Equal(EfConverter(typeof(List<string>)).ConvertToProvider(texts), AppConverter(typeof(List<string>)).ConvertToProvider(texts));

    [Fact]
    public void TheApisListParameters_AreNotWrittenByEfsConverter()
    {
        Assert.IsNotType<CollectionToJsonStringConverter<Guid>>(AppConverter(typeof(List<Guid>)));
        Assert.IsNotType<CollectionToJsonStringConverter<string>>(AppConverter(typeof(List<string>)));
        Assert.IsType<CollectionToJsonStringConverter<Guid>>(EfConverter(typeof(List<Guid>)));

        // As a query asks for a parameter's mapping: the list type with the element's mapping of the column compared.
        using var scope = Provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var source = db.GetService<IRelationalTypeMappingSource>();
        var element = source.FindMapping(typeof(Guid))!;
        var mapping = source.FindMapping(typeof(List<Guid>), db.Model, element)!;
        Assert.Same(element, mapping.ElementTypeMapping);
        Assert.IsNotType<CollectionToJsonStringConverter<Guid>>(mapping.Converter);
        Assert.Equal("[\"0191E0A3-7C4F-7B1E-9D2A-5F3C8E1B4A6D\"]", mapping.Converter!.ConvertToProvider(new List<Guid> { Guid.Parse("0191e0a3-7c4f-7b1e-9d2a-5f3c8e1b4a6d") }));
    }

    [Fact]
    public async Task AQueryOverAList_FindsTheRowsOfItsIdsAndTexts()
    {
        await using var scope = Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        SigningKeyRecord Key(string kid) => new() { Id = Guid.CreateVersion7(), Kid = kid, Algorithm = "ES256", PrivateKey = "-", CreatedAt = DateTimeOffset.UtcNow };
        var first = Key("café \"quoted\" <kid>");
        db.SigningKeys.AddRange(first, Key("second"));
        await db.SaveChangesAsync();

        var ids = new List<Guid> { first.Id, Guid.NewGuid() };
        var kids = new List<string> { first.Kid, "nobody" };
        Assert.Equal([first.Id], await db.SigningKeys.AsNoTracking().Where(k => ids.Contains(k.Id)).Select(k => k.Id).ToListAsync());
        Assert.Equal([first.Id], await db.SigningKeys.AsNoTracking().Where(k => kids.Contains(k.Kid)).Select(k => k.Id).ToListAsync());
        var none = new List<Guid>();
        Assert.Empty(await db.SigningKeys.AsNoTracking().Where(k => none.Contains(k.Id)).ToListAsync());
    }

    private ValueConverter AppConverter(Type listType)
    {
        using var scope = Provider.CreateScope();
        var source = scope.ServiceProvider.GetRequiredService<AppDbContext>().GetService<IRelationalTypeMappingSource>();
        return source.FindMapping(listType)!.Converter!;
    }

    private static ValueConverter EfConverter(Type listType)
    {
        using var db = new DbContext(new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").Options);
        return db.GetService<IRelationalTypeMappingSource>().FindMapping(listType)!.Converter!;
    }
}
