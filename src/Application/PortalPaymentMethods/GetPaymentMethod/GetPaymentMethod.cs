using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Messaging;

namespace HeadlessPortal.Application.PortalPaymentMethods.GetPaymentMethod;

/// <summary>One of my saved methods; any other id (removed, another customer's, a service-only customer's) is not found.</summary>
/// <param name="Id">The saved method.</param>
public sealed record GetPaymentMethodQuery(Guid Id) : IQuery<Result<SavedPaymentMethodDto>>;

internal sealed class GetPaymentMethodHandler(SavedMethodsGate gate, SavedPaymentMethodStore store) : IQueryHandler<GetPaymentMethodQuery, Result<SavedPaymentMethodDto>>
{
    public async ValueTask<Result<SavedPaymentMethodDto>> Handle(GetPaymentMethodQuery request, CancellationToken cancellationToken)
    {
        var account = await gate.AccountAsync(cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error!;
        }

        var method = await gate.VisibleMethodAsync(request.Id, account.Value, cancellationToken);
        if (method is null)
        {
            return Error.NotFound("payment method");
        }

        var providerCustomer = await store.FindAsync(method.CustomerId, account.Value, cancellationToken);
        return SavedPaymentMethodViews.Of(method, providerCustomer?.PrimaryPaymentMethodId, gate.Today, await gate.ZoneAsync(cancellationToken));
    }
}
