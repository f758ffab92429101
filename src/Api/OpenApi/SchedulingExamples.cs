using HeadlessPortal.Application.PortalScheduling.GetAvailability;
using HeadlessPortal.Application.PortalScheduling.GetBookingOptions;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Application.Scheduling.UpdateBookingSettings;
using HeadlessPortal.Application.Scheduling.UpsertCapacityWindows;
using HeadlessPortal.Api.Endpoints;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Examples of the booking settings, capacity window and availability schemas, one realistic value each.</summary>
internal static class SchedulingExamples
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(BookingSettingsDto)] = """
            { "jobTypes": [
                { "jobTypeId": "jt-ac-tune-up", "id": "019aa0b1-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "name": "AC tune-up", "requestable": true, "selfSchedulable": true,
                  "selfSchedulingEffective": true, "durationMinutes": 90, "businessUnitId": "bu-residential" },
                { "jobTypeId": "jt-repair", "id": "019aa0b1-2b3c-7d4e-8f5a-6b7c8d9e0f1a", "name": "Repair", "requestable": true, "selfSchedulable": false,
                  "selfSchedulingEffective": false, "durationMinutes": 120, "businessUnitId": null } ],
              "horizonDays": 30, "leadTimeHours": 24, "changeCutOffHours": 24, "websiteRequests": true,
              "features": { "jobBooking": true, "selfScheduling": true }, "warnings": [], "version": 3, "updatedAt": "2026-12-03T14:05:00.000+00:00" }
            """,
        [typeof(BookingSettingsInput)] = """
            { "jobTypes": [
                { "jobTypeId": "jt-ac-tune-up", "requestable": true, "selfSchedulable": true, "durationMinutes": 90, "businessUnitId": "bu-residential" },
                { "jobTypeId": "jt-repair", "requestable": true, "selfSchedulable": false, "durationMinutes": 120, "businessUnitId": null } ],
              "horizonDays": 30, "leadTimeHours": 24, "changeCutOffHours": 24, "websiteRequests": true }
            """,
        [typeof(CapacityWindowDocument)] = """
            { "businessUnitId": "bu-residential", "jobTypeIds": ["jt-ac-tune-up", "jt-furnace-tune-up"], "start": "2026-03-09T08:00", "end": "2026-03-09T12:00", "totalSlots": 3 }
            """,
        [typeof(CapacityWindowView)] = """
            { "id": "019aa6c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "externalId": "cw-2026-03-09-res-am", "businessUnitId": "bu-residential",
              "jobTypeIds": ["jt-ac-tune-up", "jt-furnace-tune-up"], "start": "2026-03-09T08:00:00-05:00", "end": "2026-03-09T12:00:00-05:00",
              "totalSlots": 2, "bookedSlots": 3, "freeSlots": 0, "overbookedBy": 1, "warnings": ["window_below_bookings"],
              "createdAt": "2026-03-02T06:00:00.000+00:00", "updatedAt": "2026-03-06T06:00:00.000+00:00", "deletedAt": null }
            """,
        [typeof(CapacityWindowBatch)] = """
            { "windows": [
                { "externalId": "cw-2026-03-09-res-am", "businessUnitId": "bu-residential", "jobTypeIds": ["jt-ac-tune-up", "jt-furnace-tune-up"],
                  "start": "2026-03-09T08:00", "end": "2026-03-09T12:00", "totalSlots": 3 },
                { "externalId": "cw-2026-03-08-res-night", "businessUnitId": "bu-residential", "jobTypeIds": ["jt-repair"],
                  "start": "2026-03-08T02:30", "end": "2026-03-08T06:00", "totalSlots": 1 } ] }
            """,
        [typeof(CapacityWindowBatchResult)] = """
            { "created": 1, "updated": 0, "unchanged": 0, "failed": 1, "belowBookings": 0, "results": [
                { "externalId": "cw-2026-03-09-res-am", "status": "created", "error": null,
                  "window": { "id": "019aa6c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "externalId": "cw-2026-03-09-res-am", "businessUnitId": "bu-residential",
                    "jobTypeIds": ["jt-ac-tune-up", "jt-furnace-tune-up"], "start": "2026-03-09T08:00:00-05:00", "end": "2026-03-09T12:00:00-05:00",
                    "totalSlots": 3, "bookedSlots": 0, "freeSlots": 3, "overbookedBy": 0, "warnings": [],
                    "createdAt": "2026-03-02T06:00:00.000+00:00", "updatedAt": "2026-03-02T06:00:00.000+00:00", "deletedAt": null } },
                { "externalId": "cw-2026-03-08-res-night", "status": "failed", "window": null,
                  "error": { "code": "nonexistent_local_time", "message": "start 2026-03-08T02:30:00 does not exist in America/Chicago: the clocks skip it.", "errors": null } } ] }
            """,
        [typeof(BookingOptionsDto)] = """
            { "jobTypes": [
                { "id": "019aa0b1-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "name": "AC tune-up", "durationMinutes": 90, "selfSchedulable": true },
                { "id": "019aa0b1-2b3c-7d4e-8f5a-6b7c8d9e0f1a", "name": "Repair", "durationMinutes": 120, "selfSchedulable": false } ],
              "locations": [ { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                "address": { "line1": "1418 Maple Ave", "line2": null, "city": "Evanston", "region": "IL", "postalCode": "60201", "country": "US" },
                "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6" } ],
              "horizonDays": 30, "leadTimeHours": 24, "changeCutOffHours": 24,
              "earliestStart": "2026-03-06T11:30:00.000-06:00", "latestStart": "2026-04-04T12:30:00.000-05:00", "timeZone": "America/Chicago" }
            """,
        [typeof(AvailabilityDto)] = """
            { "jobTypeId": "019aa0b1-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "locationId": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "from": "2026-03-07", "to": "2026-03-08",
              "timeZone": "America/Chicago", "windows": [
                { "id": "019aa6c1-4d5e-7f6a-8b7c-8d9e0f1a2b3c", "date": "2026-03-07", "start": "2026-03-07T08:00:00-06:00", "end": "2026-03-07T12:00:00-06:00" },
                { "id": "019aa6c1-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "date": "2026-03-08", "start": "2026-03-08T08:00:00-05:00", "end": "2026-03-08T12:00:00-05:00" } ],
              "nextFrom": null }
            """,
    };
}
