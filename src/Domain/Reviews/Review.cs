using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Reviews;

/// <summary>The rules of reviews.</summary>
public static class ReviewRules
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int CommentMaxLength = 2000;

    /// <summary>How long My Tasks asks for a review after the work was completed.</summary>
    public static readonly TimeSpan PromptLasts = TimeSpan.FromDays(30);

    public const string SubmittedEvent = "review.submitted";
}

/// <summary>
/// A customer's rating of a completed job: 1 to 5 and an optional comment, once per job and customer (a unique index
/// keeps the first of concurrent submissions), left by one of the customer's portal users.
/// </summary>
public sealed class Review : ITenantOwned
{
    private Review()
    {
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid JobId { get; private set; }

    public string JobExternalId { get; private set; } = null!;

    public Guid CustomerId { get; private set; }

    public string CustomerExternalId { get; private set; } = null!;

    /// <summary>The portal user who left it; null when left in a session opened by a portal link.</summary>
    public Guid? PortalUserId { get; private set; }

    public int Rating { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Review Submit(Guid id, TenantId tenantId, Ref job, Ref customer, Guid? portalUserId, int rating, string? comment, DateTimeOffset now)
    {
        if (rating is < ReviewRules.MinRating or > ReviewRules.MaxRating)
        {
            throw new DomainException("invalid_rating", $"A rating is {ReviewRules.MinRating} to {ReviewRules.MaxRating}.");
        }

        return new Review
        {
            Id = id,
            TenantId = tenantId,
            JobId = job.Id,
            JobExternalId = job.ExternalId,
            CustomerId = customer.Id,
            CustomerExternalId = customer.ExternalId,
            PortalUserId = portalUserId,
            Rating = rating,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : Guard.Required(comment, "comment", ReviewRules.CommentMaxLength),
            CreatedAt = now,
        };
    }
}

/// <summary>
/// My Tasks asks the job's customer to review it: opened when the work is completed (work.completed) while review
/// collection is on, shown for <see cref="ReviewRules.PromptLasts"/> or until the customer reviewed the job. One per job.
/// </summary>
public sealed class ReviewPrompt : ITenantOwned
{
    /// <summary>Raised when a prompt opens (subject: the job), so the customer is asked by text or email as the settings say.</summary>
    public const string RequestedEvent = "review.requested";

    private ReviewPrompt()
    {
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid JobId { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>When the work was completed (the prompt opened).</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When My Tasks stops asking.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public static ReviewPrompt Open(Guid id, TenantId tenantId, Guid jobId, Guid customerId, DateTimeOffset now) => new()
    {
        Id = id,
        TenantId = tenantId,
        JobId = jobId,
        CustomerId = customerId,
        OpenedAt = now,
        ExpiresAt = now + ReviewRules.PromptLasts,
    };
}
