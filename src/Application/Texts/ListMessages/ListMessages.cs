using System.Linq.Expressions;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Texts.ListMessages;

/// <summary>An email or text sent (or to be sent) to a customer.</summary>
/// <param name="Id">The text's id, or the email's outbox message id (its Message-ID).</param>
/// <param name="Channel">email or sms.</param>
/// <param name="Kind">The email's template (invoice, estimate, invitation, ...) or the text's milestone (job.booked, technician.dispatched, ...).</param>
/// <param name="To">The address or number.</param>
/// <param name="CustomerId">The customer's external id, for texts (emails are found by a customer's addresses when filtered by one).</param>
/// <param name="Subject">The email's subject; null for texts.</param>
/// <param name="Status">scheduled (waiting: quiet hours, a retry), sending, queued (the provider has it), sent, delivered, undelivered, failed or canceled (the number replied STOP first).</param>
/// <param name="Error">Why it failed or was canceled, shortened; the provider's code first when it gave one.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="DueAt">When a text may go (08:00 after quiet hours); null for emails.</param>
/// <param name="SentAt">When the provider took it.</param>
public sealed record MessageDto(
    Guid Id, string Channel, string Kind, string To, string? CustomerId, string? Subject, string Status, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? SentAt);

/// <summary>Every email and text to the tenant's customers, newest first (by id), filtered by customer, channel and status.</summary>
/// <param name="Customer">A customer's external id.</param>
/// <param name="Channel">email or sms.</param>
/// <param name="Status">One of the statuses of <see cref="MessageDto"/>.</param>
/// <param name="Limit">Page size.</param>
/// <param name="After">The cursor of the previous page.</param>
public sealed record ListMessagesQuery(string? Customer, string? Channel, string? Status, int? Limit, string? After) : IQuery<CursorPage<MessageDto>>, IPageRequest
{
    public const string Email = "email";
    public const string Sms = "sms";

    public static IReadOnlyList<string> Statuses { get; } =
        Enum.GetValues<TextMessageStatus>().Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString())).ToList();

    public static IReadOnlyList<string> Channels { get; } = [Email, Sms];
}

internal sealed class ListMessagesHandler(IAppDbContext db) : IQueryHandler<ListMessagesQuery, CursorPage<MessageDto>>
{
    // Emails to the office, not to a customer.
    private static readonly string[] OfficeKinds = [nameof(EmailTemplateKind.ProposalDecisionNotice), nameof(EmailTemplateKind.BookingRequested)];

    public async ValueTask<CursorPage<MessageDto>> Handle(ListMessagesQuery request, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? PageLimits.Default;
        Guid? after = Cursor.TryDecode(request.After, out var key) ? key : null;
        var status = request.Status is null ? (TextMessageStatus?)null : Enum.Parse<TextMessageStatus>(request.Status, ignoreCase: true);

        Customer? customer = null;
        if (request.Customer is not null)
        {
            customer = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
                .SingleOrDefaultAsync(c => c.ExternalId == request.Customer, cancellationToken);
            if (customer is null)
            {
                return new CursorPage<MessageDto>([], null, false);
            }
        }

        var rows = new List<(Guid Id, MessageDto Dto)>();
        if (request.Channel is null or ListMessagesQuery.Sms)
        {
            rows.AddRange(await TextsAsync(customer, status, after, limit, cancellationToken));
        }

        if (request.Channel is null or ListMessagesQuery.Email)
        {
            rows.AddRange(await EmailsAsync(customer, status, after, limit, cancellationToken));
        }

        var page = rows.OrderByDescending(r => r.Id).Take(limit + 1).ToList();
        return CursorPage<MessageDto>.FromRows(page, limit, r => r.Id, r => r.Dto);
    }

    private async Task<IEnumerable<(Guid, MessageDto)>> TextsAsync(Customer? customer, TextMessageStatus? status, Guid? after, int limit, CancellationToken ct)
    {
        var query = db.Set<TextMessage>().AsNoTracking();
        if (customer is not null)
        {
            query = query.Where(t => t.CustomerId == customer.Id);
        }

        if (status is { } wanted)
        {
            query = query.Where(t => t.Status == wanted);
        }

        if (after is { } bound)
        {
            query = query.Where(t => t.Id.CompareTo(bound) < 0);
        }

        var texts = await query.OrderByDescending(t => t.Id).Take(limit + 1).ToListAsync(ct);
        var ids = texts.Select(t => t.CustomerId).Distinct().ToList();
        var externalIds = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ExternalId, ct);
        return texts.Select(t => (t.Id, new MessageDto(
            t.Id, ListMessagesQuery.Sms, t.Milestone, t.To, externalIds.GetValueOrDefault(t.CustomerId), null, Name(t.Status),
            t.Error is null ? null : t.ErrorCode is null ? t.Error : $"{t.ErrorCode}: {t.Error}", t.CreatedAt, t.DueAt, t.SentAt)));
    }

    private async Task<IEnumerable<(Guid, MessageDto)>> EmailsAsync(Customer? customer, TextMessageStatus? status, Guid? after, int limit, CancellationToken ct)
    {
        OutboxStatus[]? statuses = status switch
        {
            null => null,
            TextMessageStatus.Scheduled => [OutboxStatus.Pending, OutboxStatus.Failed],
            TextMessageStatus.Sent => [OutboxStatus.Sent],
            TextMessageStatus.Failed => [OutboxStatus.Dead],
            _ => [],
        };
        if (statuses is { Length: 0 })
        {
            return [];
        }

        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Type == EmailMessages.Type);
        if (statuses is not null)
        {
            query = query.Where(m => statuses.Contains(m.Status));
        }

        if (after is { } bound)
        {
            query = query.Where(m => m.Id.CompareTo(bound) < 0);
        }

        if (customer is not null)
        {
            var addresses = await db.Set<PortalContact>().AsNoTracking().Where(c => c.CustomerId == customer.Id).Select(c => c.Email).ToListAsync(ct);
            addresses = addresses.Concat(customer.Emails).Select(a => a.ToLowerInvariant()).Distinct().ToList();
            if (addresses.Count == 0)
            {
                return [];
            }

            query = query.Where(SentToAny(addresses));
        }

        var emails = await query.OrderByDescending(m => m.Id).Take(limit + 1).ToListAsync(ct);
        return emails.Select(m => (m, Envelope(m.Payload)))
            .Where(e => e.Item2 is not null && !OfficeKinds.Contains(e.Item2.Kind, StringComparer.OrdinalIgnoreCase))
            .Select(e => (e.m.Id, new MessageDto(
                e.m.Id, ListMessagesQuery.Email, JsonNamingPolicy.CamelCase.ConvertName(e.Item2!.Kind), e.Item2.To, customer?.ExternalId, e.Item2.Subject,
                e.m.Status switch { OutboxStatus.Sent => "sent", OutboxStatus.Dead => "failed", _ => "scheduled" },
                e.m.Status == OutboxStatus.Sent ? null : e.m.LastError, e.m.OccurredAt, null, e.m.ProcessedAt)));
    }

    private static string Name(TextMessageStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    // The payload is the email as JSON ({"to":"...", ...}): a recipient matches its "to" field exactly.
    private static Expression<Func<OutboxMessage, bool>> SentToAny(IReadOnlyList<string> addresses)
    {
        var message = Expression.Parameter(typeof(OutboxMessage), "m");
        var payload = Expression.Property(message, nameof(OutboxMessage.Payload));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression? any = null;
        foreach (var address in addresses)
        {
            var pattern = "\"to\":" + JsonSerializer.Serialize(address, JsonSerializerOptions.Web);
            var call = Expression.Call(payload, contains, Expression.Constant(pattern));
            any = any is null ? call : Expression.OrElse(any, call);
        }

        return Expression.Lambda<Func<OutboxMessage, bool>>(any!, message);
    }

    private static EmailEnvelope? Envelope(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<EmailEnvelope>(payload, JsonSerializerOptions.Web) is { To: not null, Kind: not null } envelope ? envelope : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record EmailEnvelope(string To, string? Subject, string Kind);
}
