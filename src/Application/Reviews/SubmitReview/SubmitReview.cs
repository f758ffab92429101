using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalJobs;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Reviews;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Reviews.SubmitReview;

/// <summary>The body of POST /v1/portal/jobs/{id}/review.</summary>
/// <param name="Rating">1 (poor) to 5 (excellent).</param>
/// <param name="Comment">What the customer wants to say (optional, at most 2000 characters).</param>
public sealed record SubmitReviewRequest([property: Required] int? Rating, string? Comment);

/// <summary>
/// The signed-in user reviews a completed job of a customer they can see, once per job and customer. Opens its own
/// transaction (one save: the review, its event, the tasks' change).
/// </summary>
public sealed record SubmitReviewCommand(Guid JobId, SubmitReviewRequest Body) : ISelfTransactedCommand<Result<PortalReviewDto>>;

internal sealed class SubmitReviewHandler(IAppDbContext db, PortalViewer viewer, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<SubmitReviewCommand, Result<PortalReviewDto>>
{
    public async ValueTask<Result<PortalReviewDto>> Handle(SubmitReviewCommand request, CancellationToken cancellationToken)
    {
        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        if (!context.Settings.Features.ReviewCollection)
        {
            return ReviewCodes.Off();
        }

        // Not theirs, unknown and not completed are one and the same 404: a review is of work done for them.
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.JobId && customerIds.Contains(j.CustomerId), cancellationToken);
        var appointments = job is null ? [] : await db.Set<Appointment>().AsNoTracking().Where(a => a.JobId == job.Id).ToListAsync(cancellationToken);
        if (job is null || PortalJobReader.TabOf(appointments, context.Now) != JobTab.Completed)
        {
            return Error.NotFound("job");
        }

        var customer = await db.Set<Domain.Customers.Customer>().AsNoTracking().Where(c => c.Id == job.CustomerId).Select(c => c.ExternalId).SingleAsync(cancellationToken);
        if (await db.Set<Review>().AnyAsync(r => r.JobId == job.Id && r.CustomerId == job.CustomerId, cancellationToken))
        {
            return ReviewCodes.Already();
        }

        var review = Review.Submit(
            UuidV7.NewGuid(), tenant.Required(), new Ref(job.Id, job.ExternalId), new Ref(job.CustomerId, customer), viewer.Session.UserId,
            request.Body.Rating!.Value, request.Body.Comment, context.Now);
        db.Set<Review>().Add(review);
        db.OutboxMessages.Add(OutboxMessage.For(review.TenantId, ReviewRules.SubmittedEvent, JsonSerializer.Serialize(
            new
            {
                reviewId = review.Id,
                jobId = review.JobExternalId,
                customerId = review.CustomerExternalId,
                portalUserId = review.PortalUserId,
                rating = review.Rating,
                comment = review.Comment,
                createdAt = review.CreatedAt,
            },
            JsonSerializerOptions.Web), context.Now));
        db.MarkChanged(context.Now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<Review>(nameof(Review.JobId)))
        {
            // Another user of the same customer reviewed it at the same moment: theirs is the review.
            return ReviewCodes.Already();
        }

        return new PortalReviewDto(review.Id, review.JobId, review.CustomerId, review.Rating, review.Comment, review.CreatedAt.In(context.Zone), context.Settings.PublicReviewUrl);
    }
}
