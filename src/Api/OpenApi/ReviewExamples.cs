using HeadlessPortal.Application.Reviews;
using HeadlessPortal.Application.Reviews.ListReviews;
using HeadlessPortal.Application.Reviews.SubmitReview;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Examples of the review schemas, one realistic value each.</summary>
internal static class ReviewExamples
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(SubmitReviewRequest)] = """{ "rating": 5, "comment": "Mike was on time and explained everything." }""",
        [typeof(PortalReviewDto)] = """
            { "id": "019aa7b0-1c2d-7e3f-8a4b-5c6d7e8f9a0b", "jobId": "019aa3c1-7b2e-7f10-8a4d-2c5e9b1f0a37", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6",
              "rating": 5, "comment": "Mike was on time and explained everything.", "createdAt": "2026-12-03T16:05:00-06:00",
              "publicReviewUrl": "https://g.page/r/demo-heating/review" }
            """,
        [typeof(ReviewDto)] = """
            { "id": "019aa7b0-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
              "job": { "id": "019aa3c1-7b2e-7f10-8a4d-2c5e9b1f0a37", "externalId": "J-10482", "number": "J-10482" },
              "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "externalId": "cust-thompson", "name": "Thompson Household" },
              "portalUserId": "019aa0d2-3e4f-7a5b-8c6d-7e8f9a0b1c2d", "rating": 5, "comment": "Mike was on time and explained everything.",
              "createdAt": "2026-12-03T16:05:00-06:00" }
            """,
        [typeof(ReviewPage)] = """
            { "data": [ { "id": "019aa7b0-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
                "job": { "id": "019aa3c1-7b2e-7f10-8a4d-2c5e9b1f0a37", "externalId": "J-10482", "number": "J-10482" },
                "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "externalId": "cust-thompson", "name": "Thompson Household" },
                "portalUserId": "019aa0d2-3e4f-7a5b-8c6d-7e8f9a0b1c2d", "rating": 5, "comment": "Mike was on time and explained everything.",
                "createdAt": "2026-12-03T16:05:00-06:00" } ],
              "nextCursor": null, "hasMore": false,
              "summary": { "count": 1, "averageRating": 5, "ratingCounts": [ 0, 0, 0, 0, 1 ] } }
            """,
    };
}
