using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Bookings.DismissBooking;
using HeadlessPortal.Application.Bookings.RequestPortalBooking;
using HeadlessPortal.Application.Bookings.RequestWebsiteBooking;
using HeadlessPortal.Application.Bookings.ScheduleBooking;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Examples of the booking request schemas (portal, website, the office's list), one realistic value each.</summary>
internal static class BookingExamples
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(RequestPortalBookingRequest)] = """
            { "jobTypeId": "019aa0b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "locationId": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
              "preferredWindows": [ { "from": "2026-12-08", "to": "2026-12-09" }, { "from": "2026-12-12", "to": "2026-12-12" } ],
              "description": "The upstairs unit blows warm air.", "contactPhone": "+15555550123" }
            """,
        [typeof(PreferredWindowInput)] = """{ "from": "2026-12-08", "to": "2026-12-09" }""",
        [typeof(PreferredWindowDto)] = """{ "from": "2026-12-08", "to": "2026-12-09" }""",
        [typeof(PortalBookingDto)] = """
            { "id": "019aa6a0-1b2c-7d3e-8f4a-5b6c7d8e9f0a", "status": "new", "jobType": { "id": "019aa0b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "name": "Repair" },
              "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
              "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                "address": { "line1": "1200 Oak Ave", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
              "preferredWindows": [ { "from": "2026-12-08", "to": "2026-12-09" } ], "description": "The upstairs unit blows warm air.",
              "contactPhone": "+15555550123", "createdAt": "2026-12-03T09:15:00-06:00", "scheduledAt": null, "appointment": null, "canceledAt": null }
            """,
        [typeof(BookedAppointmentDto)] = """
            { "windowId": "019aa5f0-4d5e-7f6a-8b7c-8d9e0f1a2b3c", "windowExternalId": "AW-2026-12-08-AM", "date": "2026-12-08",
              "start": "2026-12-08T08:00:00-06:00", "end": "2026-12-08T12:00:00-06:00" }
            """,
        [typeof(Application.Bookings.RescheduleAppointment.RescheduleAppointmentRequest)] = """{ "windowId": "019aa5f0-5e6f-7a8b-8c9d-0e1f2a3b4c5d" }""",
        [typeof(Application.Bookings.CancelAppointment.CancelAppointmentRequest)] = """{ "reason": "We will be away that week." }""",
        [typeof(RequestWebsiteBookingRequest)] = """
            { "name": "Sam Rivera", "email": "sam.rivera@example.com", "phone": "+15555550188",
              "address": { "line1": "48 Elm St", "city": "Springfield", "region": "IL", "postalCode": "62701", "country": "US" },
              "jobTypeId": "019aa0b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "preferredWindows": [ { "from": "2026-12-10", "to": "2026-12-11" } ],
              "description": "Kitchen sink drains slowly.", "website": "" }
            """,
        [typeof(WebsiteAddressInput)] = """{ "line1": "48 Elm St", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62701", "country": "US" }""",
        [typeof(WebsiteBookingReceiptDto)] = """{ "status": "received", "message": "Thank you! Your request was sent; the office will contact you to schedule the visit." }""",
        [typeof(Application.Bookings.GetWebsiteBookingOptions.WebsiteBookingOptionsDto)] = """
            { "jobTypes": [ { "id": "019aa0b0-2b3c-7d4e-8f5a-6b7c8d9e0f1a", "name": "Diagnostic visit" }, { "id": "019aa0b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "name": "Repair" } ],
              "maxPreferredWindows": 3, "maxWindowDays": 31, "today": "2026-12-03" }
            """,
        [typeof(PortalBookingJobTypeDto)] = """{ "id": "019aa0b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "name": "Repair" }""",
        [typeof(BookingDto)] = """
            { "id": "019aa6b1-2c3d-7e4f-8a5b-6c7d8e9f0a1b", "status": "new", "source": "website",
              "jobType": { "id": "019aa0b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "externalId": "jt-repair", "name": "Repair" },
              "customer": null, "location": null, "portalUserId": null,
              "requester": { "name": "Sam Rivera", "email": "sam.rivera@example.com", "phone": "+15555550188",
                "address": { "line1": "48 Elm St", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62701", "country": "US" } },
              "preferredWindows": [ { "from": "2026-12-10", "to": "2026-12-11" } ], "description": "Kitchen sink drains slowly.", "contactPhone": "+15555550188",
              "createdAt": "2026-12-03T10:02:00-06:00", "jobId": null, "appointmentId": null, "scheduledAt": null, "dismissedAt": null, "dismissReason": null,
              "handledBy": null, "appointment": null, "canceledAt": null, "cancelReason": null }
            """,
        [typeof(ScheduleBookingRequest)] = """{ "jobId": "J-20815", "appointmentId": "A-40211" }""",
        [typeof(DismissBookingRequest)] = """{ "reason": "Outside our service area." }""",
    };

    /// <summary>Further examples of a schema, one per status a self-scheduled booking can have (after the first example above).</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> More = new Dictionary<Type, string[]>
    {
        [typeof(RequestPortalBookingRequest)] =
        [
            """
            { "jobTypeId": "019aa0b0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "locationId": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
              "windowId": "019aa5f0-4d5e-7f6a-8b7c-8d9e0f1a2b3c", "description": "Yearly AC tune-up.", "contactPhone": null }
            """,
        ],
        [typeof(PortalBookingDto)] =
        [
            """
            { "id": "019aa6a0-2c3d-7e4f-8a5b-6c7d8e9f0a1b", "status": "booked", "jobType": { "id": "019aa0b0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "AC tune-up" },
              "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
              "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                "address": { "line1": "1200 Oak Ave", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
              "preferredWindows": [], "description": "Yearly AC tune-up.", "contactPhone": null, "createdAt": "2026-12-03T09:20:00-06:00", "scheduledAt": null,
              "appointment": { "windowId": "019aa5f0-4d5e-7f6a-8b7c-8d9e0f1a2b3c", "windowExternalId": "AW-2026-12-08-AM", "date": "2026-12-08",
                "start": "2026-12-08T08:00:00-06:00", "end": "2026-12-08T12:00:00-06:00" }, "canceledAt": null }
            """,
            """
            { "id": "019aa6a0-2c3d-7e4f-8a5b-6c7d8e9f0a1b", "status": "canceled", "jobType": { "id": "019aa0b0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "AC tune-up" },
              "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
              "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                "address": { "line1": "1200 Oak Ave", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
              "preferredWindows": [], "description": "Yearly AC tune-up.", "contactPhone": null, "createdAt": "2026-12-03T09:20:00-06:00", "scheduledAt": null,
              "appointment": { "windowId": "019aa5f0-4d5e-7f6a-8b7c-8d9e0f1a2b3c", "windowExternalId": "AW-2026-12-08-AM", "date": "2026-12-08",
                "start": "2026-12-08T08:00:00-06:00", "end": "2026-12-08T12:00:00-06:00" }, "canceledAt": "2026-12-05T18:40:00-06:00" }
            """,
        ],
    };
}
