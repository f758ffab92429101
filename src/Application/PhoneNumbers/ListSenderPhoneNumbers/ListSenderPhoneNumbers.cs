using HeadlessPortal.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PhoneNumbers.ListSenderPhoneNumbers;

/// <summary>Lists sender numbers (a tenant has a handful, so no paging).</summary>
public sealed record ListSenderPhoneNumbersQuery : IQuery<IReadOnlyList<SenderPhoneNumberDto>>;

internal sealed class ListSenderPhoneNumbersHandler(IAppDbContext db) : IQueryHandler<ListSenderPhoneNumbersQuery, IReadOnlyList<SenderPhoneNumberDto>>
{
    public async ValueTask<IReadOnlyList<SenderPhoneNumberDto>> Handle(ListSenderPhoneNumbersQuery request, CancellationToken cancellationToken) =>
        (await db.SenderPhoneNumbers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken)).Select(SenderPhoneNumberDto.From).ToList();
}
