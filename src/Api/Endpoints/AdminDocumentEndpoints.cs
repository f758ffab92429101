using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Documents;
using HeadlessPortal.Application.Documents.DeleteDocument;
using HeadlessPortal.Application.Documents.GetDocument;
using HeadlessPortal.Application.Documents.GetDocumentContent;
using HeadlessPortal.Application.Documents.ListDocuments;
using HeadlessPortal.Application.Documents.UpsertDocument;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Documents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Documents attached to jobs: the back office uploads the file as the raw request body, with metadata in the query.</summary>
public static class AdminDocumentEndpoints
{
    public static IEndpointRouteBuilder MapAdminDocumentEndpoints(this IEndpointRouteBuilder app, long maxBytes)
    {
        var group = app.MapGroup("/v1/admin/documents").WithTags("Admin: sync documents")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        group.MapPut("/{externalId}", Upsert)
            .WithName("UpsertDocument")
            .WithSummary("Upload a document")
            .WithDescription("The request body is the file itself, with its Content-Type (image/jpeg, image/png, image/gif, image/webp, image/heic or application/pdf; " +
                "the first bytes must match it). Metadata goes in the query: jobId (required), kind (photo|form|document), shared (default false: customers see only shared documents), " +
                "fileName, title. 201 when created, 200 when updated or unchanged; the SHA-256 of the content is stored. Too large: 413.")
            .Accepts<byte[]>("application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic")
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes + 1))
            .RequireScope(Scopes.SyncWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{externalId}", async (string externalId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetDocumentQuery(externalId), ct)).ToOk())
            .WithName("GetDocument").WithSummary("Get a document's metadata")
            .WithDescription("Metadata of one document by the back office's id.")
            .RequireScope(Scopes.CustomersRead).ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/{externalId}/content", Content)
            .WithName("GetDocumentContent").WithSummary("Download a document")
            .WithDescription("The file, with its content type and an ETag of its SHA-256.")
            .Produces(StatusCodes.Status200OK, contentType: DocumentContentTypes.Allowed[0], additionalContentTypes: [.. DocumentContentTypes.Allowed.Skip(1)])
            .RequireScope(Scopes.CustomersRead).ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/", async ([FromQuery] string? jobId, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListDocumentsQuery(jobId, limit, after), ct)))
            .WithName("ListDocuments").WithSummary("List documents")
            .WithDescription("In creation order with cursor pagination; ?jobId= lists one job's documents.")
            .RequireScope(Scopes.CustomersRead).ProducesProblems(StatusCodes.Status400BadRequest);

        group.MapDelete("/{externalId}", async (string externalId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new DeleteDocumentCommand(externalId), ct)).ToOk())
            .WithName("DeleteDocument").WithSummary("Remove a document")
            .WithDescription("Soft delete: hidden from the portal; uploading it again restores it.")
            .RequireScope(Scopes.SyncWrite).ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="externalId">The back office's id of the document.</param>
    /// <param name="jobId">The job's external id.</param>
    /// <param name="kind">photo, form or document.</param>
    /// <param name="shared">Whether customers may see it.</param>
    /// <param name="fileName">The original file name.</param>
    /// <param name="title">A caption.</param>
    /// <param name="request">The request; its body is the file.</param>
    /// <param name="tenant">The caller's tenant.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="storage">File storage.</param>
    /// <param name="options">Document limits.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<DocumentView>, Ok<DocumentView>, ProblemHttpResult>> Upsert(
        string externalId, [FromQuery] string? jobId, [FromQuery] string? kind, [FromQuery] bool? shared, [FromQuery] string? fileName, [FromQuery] string? title,
        HttpRequest request, ICurrentTenant tenant, ISender sender, IFileStorage storage, IOptions<DocumentOptions> options, CancellationToken ct)
    {
        var tenantId = tenant.AdminTenantId();
        DocumentKind? parsedKind = Enum.TryParse<DocumentKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
        var stored = await storage.SaveAsync(tenantId.ToString("N"), request.Body, options.Value.MaxBytes, ct);
        var result = await sender.Send(
            new UpsertDocumentCommand(externalId, jobId ?? string.Empty, parsedKind, shared, title, fileName, request.ContentType, stored), ct);
        return result.ToUpserted($"/v1/admin/documents/{Uri.EscapeDataString(externalId)}");
    }

    /// <param name="externalId">The back office's id of the document.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<IResult> Content(string externalId, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetDocumentContentQuery(externalId), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var file = result.Value;
        return TypedResults.Stream(file.Content, file.ContentType, file.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Sha256}\""));
    }
}
