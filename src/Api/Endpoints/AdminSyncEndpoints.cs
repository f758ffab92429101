using System.Reflection;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Application.Sync.DeleteResource;
using HeadlessPortal.Application.Sync.GetResource;
using HeadlessPortal.Application.Sync.ListResources;
using HeadlessPortal.Application.Sync.UpsertResource;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// Back-office sync: for every synced resource, PUT (idempotent upsert by the back office's id), GET one,
/// list (cursor pagination, updatedSince) and DELETE (soft). The resources are found in Application, so
/// adding one there adds its endpoints here.
/// </summary>
public static class AdminSyncEndpoints
{
    private static readonly MethodInfo MapResourceMethod =
        typeof(AdminSyncEndpoints).GetMethod(nameof(MapResource), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IEndpointRouteBuilder MapAdminSyncEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        // Each resource's name comes from an instance; construction needs only its validator, so a throwaway scope builds it.
        using var scope = app.ServiceProvider.CreateScope();
        foreach (var resource in scope.ServiceProvider.GetServices<ISyncResource>().OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            MapResourceMethod.MakeGenericMethod(resource.DocumentType, resource.ViewType).Invoke(null, [admin, resource.Name, resource.ImportType]);
        }

        return app;
    }

    private static void MapResource<TDocument, TView>(RouteGroupBuilder admin, string name, string singular)
        where TDocument : class
    {
        var group = admin.MapGroup("/" + name).WithTags("Admin: sync " + name);
        var title = char.ToUpperInvariant(singular[0]) + singular[1..];

        group.MapPut("/{externalId}", async (string externalId, [FromBody] TDocument document, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new UpsertResourceCommand(name, externalId, document), ct);
                var typed = result.IsSuccess
                    ? Result<UpsertOutcome<TView>>.Success(new((TView)result.Value.Value, result.Value.Created))
                    : Result<UpsertOutcome<TView>>.Failure(result.Error!);
                return typed.ToUpserted($"/v1/admin/{name}/{Uri.EscapeDataString(externalId)}");
            })
            .WithName($"Upsert{title}")
            .WithSummary($"Create or update a {singular}")
            .WithDescription($"Keyed by the back office's own id: 201 when created, 200 when updated or unchanged (the same request twice changes nothing). " +
                "References to other records use their external ids; an unknown one is 422 unknown_reference naming the field. Sending a removed record restores it.")
            .RequireScope(Scopes.SyncWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{externalId}", async (string externalId, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new GetResourceQuery(name, externalId), ct);
                return result.IsSuccess ? (Results<Ok<TView>, ProblemHttpResult>)TypedResults.Ok((TView)result.Value) : result.Error!.ToProblem();
            })
            .WithName($"Get{title}")
            .WithSummary($"Get a {singular}")
            .WithDescription($"One {singular} by the back office's id, with internal fields. A removed one answers with deletedAt set.")
            .RequireScope(Scopes.CustomersRead)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/", async ([FromQuery] int? limit, [FromQuery] string? after, [FromQuery] DateTimeOffset? updatedSince, [FromQuery] bool? includeDeleted, ISender sender, CancellationToken ct) =>
            {
                var page = await sender.Send(new ListResourcesQuery(name, limit, after, updatedSince, includeDeleted ?? false), ct);
                return TypedResults.Ok(new CursorPage<TView>(page.Data.Cast<TView>().ToList(), page.NextCursor, page.HasMore));
            })
            .WithName($"List{title}s")
            .WithSummary($"List {name}")
            .WithDescription($"In creation order with cursor pagination (?limit=, ?after=). ?updatedSince= returns only records changed at or after that time (ISO 8601); ?includeDeleted=true includes removed ones.")
            .RequireScope(Scopes.CustomersRead)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        group.MapDelete("/{externalId}", async (string externalId, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new DeleteResourceCommand(name, externalId), ct);
                return result.IsSuccess ? (Results<Ok<TView>, ProblemHttpResult>)TypedResults.Ok((TView)result.Value) : result.Error!.ToProblem();
            })
            .WithName($"Delete{title}")
            .WithSummary($"Remove a {singular}")
            .WithDescription("Soft delete, as when the back office deletes it: hidden from the portal and from lists (unless includeDeleted), kept for history. PUT restores it.")
            .RequireScope(Scopes.SyncWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);
    }
}
