using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Work;

public enum AppointmentStatus
{
    Scheduled,
    Dispatched,
    EnRoute,
    Working,
    OnHold,
    Completed,
    Canceled,
}

/// <summary>When an appointment happens and when the technician may arrive.</summary>
public sealed record AppointmentTimes(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ArrivalWindowStart, DateTimeOffset? ArrivalWindowEnd)
{
    /// <summary>
    /// Rules: an appointment ends after it starts; an arrival window has both ends or none, starts before
    /// it ends, and lies within one calendar day (in the offset it was given in).
    /// </summary>
    public AppointmentTimes Validated()
    {
        if (End <= Start)
        {
            throw new DomainException("invalid_times", "An appointment ends after it starts.");
        }

        if (ArrivalWindowStart is null != ArrivalWindowEnd is null)
        {
            throw new DomainException("invalid_arrival_window", "An arrival window has a start and an end, or neither.");
        }

        if (ArrivalWindowStart is { } from && ArrivalWindowEnd is { } to
            && (to <= from || from.ToOffset(to.Offset).Date != to.Date))
        {
            throw new DomainException("invalid_arrival_window", "An arrival window starts before it ends, within one day.");
        }

        return this;
    }
}

/// <summary>A visit of one or more technicians for a job.</summary>
public sealed class Appointment : SyncedEntity
{
    public const string DispatchedEvent = "technician.dispatched";
    public const string EnRouteEvent = "technician.en_route";
    public const string CompletedEvent = "work.completed";
    public const int MaxTechnicians = 20;

    private Guid _jobId;
    private string _jobExternalId = null!;
    private DateTimeOffset _start;
    private long _startUtcTicks;
    private DateTimeOffset _end;
    private DateTimeOffset? _arrivalWindowStart;
    private DateTimeOffset? _arrivalWindowEnd;
    private AppointmentStatus _status;
    private List<Ref> _technicians = [];

    private Appointment()
    {
    }

    private Appointment(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref Job => new(_jobId, _jobExternalId);

    public Guid JobId => _jobId;

    public string JobExternalId => _jobExternalId;

    public DateTimeOffset Start => _start;

    /// <summary>The start as UTC ticks: a number every engine can compare in SQL (SQLite keeps offsets as text).</summary>
    public long StartUtcTicks => _startUtcTicks;

    public DateTimeOffset End => _end;

    public DateTimeOffset? ArrivalWindowStart => _arrivalWindowStart;

    public DateTimeOffset? ArrivalWindowEnd => _arrivalWindowEnd;

    public AppointmentStatus Status => _status;

    public IReadOnlyList<Ref> Technicians => _technicians;

    public static Appointment Create(TenantId tenantId, string externalId, Ref job, AppointmentTimes times, AppointmentStatus status, IEnumerable<Ref> technicians, DateTimeOffset now)
    {
        var appointment = new Appointment(tenantId, externalId, now) { _status = AppointmentStatus.Scheduled };
        appointment.Update(job, times, status, technicians, now);
        return appointment;
    }

    /// <summary>Applies new values; moving to dispatched, en route or completed raises the event customers are texted about.</summary>
    public bool Update(Ref job, AppointmentTimes times, AppointmentStatus status, IEnumerable<Ref> technicians, DateTimeOffset now)
    {
        var technicianList = technicians.DistinctBy(t => t.Id).ToList();
        if (technicianList.Count > MaxTechnicians)
        {
            throw new DomainException("too_many_technicians", $"An appointment has at most {MaxTechnicians} technicians.");
        }

        var previous = _status;
        var changed = SetRef(job, ref _jobId, ref _jobExternalId);
        // The window is checked in the offset it was given in; times are kept in UTC.
        var valid = times.Validated();
        changed |= Set(ref _start, valid.Start.ToUniversalTime());
        _startUtcTicks = _start.UtcTicks;
        changed |= Set(ref _end, valid.End.ToUniversalTime());
        changed |= Set(ref _arrivalWindowStart, valid.ArrivalWindowStart?.ToUniversalTime());
        changed |= Set(ref _arrivalWindowEnd, valid.ArrivalWindowEnd?.ToUniversalTime());
        changed |= Set(ref _status, status);
        if (!technicianList.SequenceEqual(_technicians))
        {
            _technicians = technicianList;
            changed = true;
        }

        if (status != previous)
        {
            var raised = status switch
            {
                AppointmentStatus.Dispatched => DispatchedEvent,
                AppointmentStatus.EnRoute => EnRouteEvent,
                AppointmentStatus.Completed => CompletedEvent,
                _ => null,
            };
            if (raised is not null)
            {
                Raise(raised);
            }
        }

        return Stamp(changed, now);
    }
}
