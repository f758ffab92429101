using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.PortalPaymentMethods.MakePrimaryPaymentMethod;

/// <summary>Makes one of my saved methods its customer's primary (the previous primary stops being one).</summary>
/// <param name="Id">The saved method.</param>
public sealed record MakePrimaryPaymentMethodCommand(Guid Id) : ITransactionalCommand<Result<SavedPaymentMethodDto>>;

internal sealed class MakePrimaryPaymentMethodHandler(IAppDbContext db, SavedMethodsGate gate, SavedPaymentMethodStore store, IClock clock)
    : ICommandHandler<MakePrimaryPaymentMethodCommand, Result<SavedPaymentMethodDto>>
{
    public async ValueTask<Result<SavedPaymentMethodDto>> Handle(MakePrimaryPaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var changeable = await gate.ChangeableMethodAsync(request.Id, cancellationToken);
        if (!changeable.IsSuccess)
        {
            return changeable.Error!;
        }

        var providerCustomer = changeable.Value.ProviderCustomer;

        var (locked, saved) = await store.LockAsync(providerCustomer.Id, cancellationToken);
        var method = saved.SingleOrDefault(m => m.Id == request.Id);
        if (method is null)
        {
            // Removed by a concurrent request.
            return Error.NotFound("payment method");
        }

        store.Record(locked.MakePrimary(method, gate.Actor, gate.Today, clock.UtcNow));
        await db.SaveChangesAsync(cancellationToken);
        return SavedPaymentMethodViews.Of(method, locked.PrimaryPaymentMethodId, gate.Today, await gate.ZoneAsync(cancellationToken));
    }
}
