using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Sync;

[Collection(ApiCollection.Work)]
public sealed class DocumentTests(ApiHosts hosts)
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static async Task<AdminSession> WithJobAsync(ApiFactory factory)
    {
        var s = await AdminSession.StartAsync(factory);
        await AdminSession.ExpectAsync(await s.Client.PutAsJsonAsync("/v1/admin/customers/c1", new { kind = "residential", name = "Doc Owner" }), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await s.Client.PutAsJsonAsync("/v1/admin/locations/l1", new { customerId = "c1", address = new { line1 = "1 A St", city = "B", country = "US" } }), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await s.Client.PutAsJsonAsync("/v1/admin/jobs/j1", new { number = "J-1", customerId = "c1", locationId = "l1" }), HttpStatusCode.Created);
        return s;
    }

    private static Task<HttpResponseMessage> Upload(AdminSession s, string id, byte[] bytes, string contentType, string query = "jobId=j1&kind=document&shared=true&fileName=report.pdf")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return s.Client.PutAsync($"/v1/admin/documents/{id}?{query}", content);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Upload_StoresContentWithItsHash_AndTheSameUploadTwiceChangesNothing(TestDb engine)
    {
        var s = await WithJobAsync(hosts[engine]);

        var created = await AdminSession.ExpectAsync(await Upload(s, "d1", Pdf, "application/pdf"), HttpStatusCode.Created);
        var again = await AdminSession.ExpectAsync(await Upload(s, "d1", Pdf, "application/pdf"), HttpStatusCode.OK);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), created["sha256"]!.GetValue<string>());
        Assert.Equal(Pdf.Length, created["size"]!.GetValue<long>());
        Assert.True(created["shared"]!.GetValue<bool>());
        Assert.Equal(created["updatedAt"]!.GetValue<DateTimeOffset>(), again["updatedAt"]!.GetValue<DateTimeOffset>());

        var download = await s.Client.GetAsync("/v1/admin/documents/d1/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        var listed = await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/documents?jobId=j1"), HttpStatusCode.OK);
        Assert.Single(listed["data"]!.AsArray());
    }

    [Fact]
    public async Task Upload_WhenTypeIsNotAllowedOrBytesDoNotMatch_IsRefusedAndStoresNothing()
    {
        var s = await WithJobAsync(hosts[TestDb.Sqlite]);

        await (await Upload(s, "d2", "hello"u8.ToArray(), "text/plain")).AssertProblemAsync(415, "unsupported_media_type");
        await (await Upload(s, "d3", Pdf, "image/png", "jobId=j1&kind=photo&fileName=x.png")).AssertProblemAsync(422, "content_mismatch");
        await (await s.Client.GetAsync("/v1/admin/documents/d2")).AssertProblemAsync(404, "not_found");
        Assert.Equal(HttpStatusCode.Created, (await Upload(s, "d4", Png, "image/png", "jobId=j1&kind=photo&fileName=x.png")).StatusCode);
    }

    [Fact]
    public async Task Upload_WhenJobUnknownOrMetadataMissing_AnswersWithTheField()
    {
        var s = await WithJobAsync(hosts[TestDb.Sqlite]);

        Assert.NotEmpty((await (await Upload(s, "d5", Pdf, "application/pdf", "jobId=nope&kind=document&fileName=a.pdf")).AssertProblemAsync(422, "unknown_reference")).FieldErrors("jobId"));
        Assert.NotEmpty((await (await Upload(s, "d6", Pdf, "application/pdf", "jobId=j1&fileName=a.pdf")).AssertProblemAsync(400, "validation_failed")).FieldErrors("kind"));
        Assert.NotEmpty((await (await Upload(s, "d7", Pdf, "application/pdf", "jobId=j1&kind=document&fileName=../../etc/passwd")).AssertProblemAsync(400, "validation_failed")).FieldErrors("fileName"));
    }

    [Fact]
    public async Task Upload_WhenLargerThanTheLimit_Answers413()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Documents:MaxBytes"] = "1024" });
        var s = await WithJobAsync(factory);
        var big = new byte[4096];
        Pdf.CopyTo(big, 0);

        await (await Upload(s, "big", big, "application/pdf")).AssertProblemAsync(413, "payload_too_large");
        Assert.Equal(HttpStatusCode.Created, (await Upload(s, "small", Pdf, "application/pdf")).StatusCode);
    }

    [Fact]
    public async Task Documents_OfAnotherTenant_AreNotFound()
    {
        var a = await WithJobAsync(hosts[TestDb.Sqlite]);
        var b = await AdminSession.StartAsync(hosts[TestDb.Sqlite]);
        await AdminSession.ExpectAsync(await Upload(a, "secret", Pdf, "application/pdf"), HttpStatusCode.Created);

        await (await b.Client.GetAsync("/v1/admin/documents/secret")).AssertProblemAsync(404, "not_found");
        await (await b.Client.GetAsync("/v1/admin/documents/secret/content")).AssertProblemAsync(404, "not_found");
    }
}
