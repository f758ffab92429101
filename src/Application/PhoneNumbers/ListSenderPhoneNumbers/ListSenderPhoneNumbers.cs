using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PhoneNumbers.ListSenderPhoneNumbers;

/// <summary>Lists sender numbers (a tenant has a handful: one complete page).</summary>
public sealed record ListSenderPhoneNumbersQuery : IQuery<CursorPage<SenderPhoneNumberDto>>;

internal sealed class ListSenderPhoneNumbersHandler(IAppDbContext db) : IQueryHandler<ListSenderPhoneNumbersQuery, CursorPage<SenderPhoneNumberDto>>
{
    public async ValueTask<CursorPage<SenderPhoneNumberDto>> Handle(ListSenderPhoneNumbersQuery request, CancellationToken cancellationToken) =>
        CursorPage.Complete((await db.SenderPhoneNumbers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken)).Select(SenderPhoneNumberDto.From).ToList());
}
