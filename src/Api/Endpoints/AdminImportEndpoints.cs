using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using Mediator;
using HeadlessPortal.Application.Imports;
using HeadlessPortal.Application.Imports.CreateImport;
using HeadlessPortal.Application.Imports.GetImport;
using HeadlessPortal.Application.Imports.ListImports;
using HeadlessPortal.Domain.ApiClients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// Bulk import for first loads: an NDJSON file of synced records, stored as it streams in and applied in the
/// background in batches; its status shows progress and every line that failed.
/// </summary>
public static class AdminImportEndpoints
{
    private static readonly string[] ContentTypes = ["application/x-ndjson", "text/plain"];

    public static IEndpointRouteBuilder MapAdminImportEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<ImportOptions>();
        var group = app.MapGroup("/v1/admin/imports").WithTags("Admin: imports")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        group.MapPost("/", CreateImport)
            .WithName("CreateImport").WithSummary("Import records in bulk (NDJSON)")
            .WithDescription("One JSON object per line: { \"type\": \"customer\", \"externalId\": \"...\", \"data\": { ...the document PUT /v1/admin/{resource}/{externalId} takes... } }. " +
                "Send it as application/x-ndjson (or text/plain); the body may be large (the usual 1 MiB limit does not apply here). Answers 202 with the queued import at once; " +
                "GET the Location to follow it. Lines are applied in batches as upserts by external id, so sending the same file again changes nothing. " +
                "A line may refer to records created by earlier lines. A bad line fails alone, reported by line number with a code: malformed_line, unknown_type, validation_failed, unknown_reference, or a business rule's code.")
            .Accepts<string>(ContentTypes[0], ContentTypes[1])
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxBodyBytes))
            .RequireScope(Scopes.SyncWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetImportQuery(id), ct)).ToOk())
            .WithName("GetImport").WithSummary("Get an import")
            .WithDescription("Status (queued, running, completed), lines read, applied and failed, and the failed lines (the first 1000) with line number, code and message.")
            .RequireScope(Scopes.CustomersRead)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/", async ([FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListImportsQuery(limit, after), ct)))
            .WithName("ListImports").WithSummary("List imports")
            .WithDescription("The tenant's imports, newest first, with cursor pagination (?limit=, ?after=). GET one import for its failed lines.")
            .RequireScope(Scopes.CustomersRead)
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <param name="request">The NDJSON body.</param>
    /// <param name="actor">The calling client; the import's changes are made as it.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Accepted<ImportDto>, ProblemHttpResult>> CreateImport(
        HttpRequest request, ICurrentActor actor, ISender sender, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !ContentTypes.Contains(contentType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return new Error(ErrorKind.Unprocessable, ProblemCodes.UnsupportedMediaType, "Send the file as application/x-ndjson: one JSON object per line.")
                .ToProblem(StatusCodes.Status415UnsupportedMediaType);
        }

        var import = await sender.Send(new CreateImportCommand(actor.Id, request.Body), ct);
        return TypedResults.Accepted($"/v1/admin/imports/{import.Id}", import);
    }
}
