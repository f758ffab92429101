using System.Text.Json;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Reviews;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Reviews;

/// <summary>The stable codes of reviews.</summary>
public static class ReviewCodes
{
    /// <summary>Review collection (features.reviewCollection) is off: 404.</summary>
    public const string ReviewCollectionOff = "review_collection_off";

    /// <summary>The customer already reviewed this job: 409.</summary>
    public const string AlreadyReviewed = "already_reviewed";

    public static Error Off() => new(ErrorKind.NotFound, ReviewCollectionOff, "This company does not collect reviews in the portal.");

    public static Error Already() => Error.Conflict(AlreadyReviewed, "This job was already reviewed for this customer; a job is reviewed once.");
}

/// <summary>A review as the reviewer gets it back.</summary>
/// <param name="Id">The review's id.</param>
/// <param name="JobId">The job reviewed.</param>
/// <param name="CustomerId">The customer the job was for.</param>
/// <param name="Rating">1 to 5.</param>
/// <param name="Comment">The comment, if any.</param>
/// <param name="CreatedAt">When it was left, in the company's time zone.</param>
/// <param name="PublicReviewUrl">The company's public review page (such as its Google reviews), offered to every reviewer whatever the rating; null when it has none.</param>
public sealed record PortalReviewDto(Guid Id, Guid JobId, Guid CustomerId, int Rating, string? Comment, DateTimeOffset CreatedAt, string? PublicReviewUrl);

/// <summary>A review as the office sees it.</summary>
/// <param name="Id">The review's id.</param>
/// <param name="Job">The job reviewed (portal id, back office id, number).</param>
/// <param name="Customer">The customer (portal id, back office id, name).</param>
/// <param name="PortalUserId">The portal user who left it; null when left in a session opened by a portal link.</param>
/// <param name="Rating">1 to 5.</param>
/// <param name="Comment">The comment, if any.</param>
/// <param name="CreatedAt">When it was left, in the company's time zone.</param>
public sealed record ReviewDto(Guid Id, ReviewJobDto Job, ReviewCustomerDto Customer, Guid? PortalUserId, int Rating, string? Comment, DateTimeOffset CreatedAt);

/// <summary>The job a review is about.</summary>
/// <param name="Id">The portal's id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="Number">The job number; null when the job was removed since.</param>
public sealed record ReviewJobDto(Guid Id, string ExternalId, string? Number);

/// <summary>The customer a review is from.</summary>
/// <param name="Id">The portal's id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="Name">The customer's name; null when the customer was removed since.</param>
public sealed record ReviewCustomerDto(Guid Id, string ExternalId, string? Name);

/// <summary>
/// Opens a review prompt when work is completed (work.completed, raised by a synced appointment), while the portal is on
/// and collects reviews: My Tasks then asks the job's customer for 30 days, and review.requested is raised in the same
/// transaction so the customer is also asked by text or email as the settings say (<see cref="ReviewRequestEmailHandler"/>,
/// the review.requested text milestone). Idempotent: one prompt per job (a unique index), so a repeated delivery or a
/// second completed visit of the job opens nothing new and asks nobody twice.
/// </summary>
internal sealed class ReviewPromptOpener(IAppDbContext db, ICurrentTenant tenant, IClock clock) : IOutboxHandler
{
    public string Type => Appointment.CompletedEvent;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var completed = OutboxPayload.Read<DomainEvent>(message, JsonSerializerOptions.Web, "an appointment event");
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        if (!settings.Enabled || !settings.Features.ReviewCollection)
        {
            // No prompt while reviews are not collected: nobody received the event here (decision 0011).
            return OutboxDelivery.NobodySubscribed;
        }

        var job = await (from appointment in db.Set<Appointment>().AsNoTracking()
                         where appointment.Id == completed.SubjectId
                         join j in db.Set<Job>().AsNoTracking() on appointment.JobId equals j.Id
                         select new { j.Id, j.ExternalId, j.CustomerId }).SingleOrDefaultAsync(cancellationToken);
        if (job is null || await db.Set<ReviewPrompt>().AnyAsync(p => p.JobId == job.Id, cancellationToken))
        {
            return OutboxDelivery.Done;
        }

        var now = clock.UtcNow;
        db.Set<ReviewPrompt>().Add(ReviewPrompt.Open(UuidV7.NewGuid(), tenant.Required(), job.Id, job.CustomerId, now));
        db.OutboxMessages.Add(OutboxMessage.For(
            tenant.Required(), ReviewPrompt.RequestedEvent,
            JsonSerializer.Serialize(new DomainEvent(ReviewPrompt.RequestedEvent, job.Id, job.ExternalId), JsonSerializerOptions.Web), now));
        db.MarkChanged(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<ReviewPrompt>(nameof(ReviewPrompt.JobId)))
        {
            // Another delivery opened it first.
        }

        return OutboxDelivery.Done;
    }
}
