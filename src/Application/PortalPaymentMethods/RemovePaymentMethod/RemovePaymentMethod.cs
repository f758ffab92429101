using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments;

namespace HeadlessPortal.Application.PortalPaymentMethods.RemovePaymentMethod;

/// <summary>
/// Removes one of my saved methods: detached at the provider first (so it can never be charged again), then removed
/// here with its history. Not in the mediator's transaction: it calls the provider.
/// </summary>
/// <param name="Id">The saved method.</param>
public sealed record RemovePaymentMethodCommand(Guid Id) : ISelfTransactedCommand<Result<bool>>;

internal sealed class RemovePaymentMethodHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, SavedMethodsGate gate, SavedPaymentMethodStore store, IPaymentGateway gateway, IClock clock)
    : ICommandHandler<RemovePaymentMethodCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(RemovePaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var changeable = await gate.ChangeableMethodAsync(request.Id, cancellationToken);
        if (!changeable.IsSuccess)
        {
            return changeable.Error!;
        }

        var (accountId, visible, providerCustomer) = changeable.Value;

        try
        {
            await gateway.DetachPaymentMethodAsync(accountId, visible.ProviderPaymentMethodId, "detach-" + visible.Id.ToString("N"), cancellationToken);
        }
        catch (PaymentGatewayException ex) when (ex.Kind == PaymentGatewayErrorKind.InvalidRequest)
        {
            // Already detached (by an earlier attempt of this request, or at the provider): nothing left to charge, so ours goes too.
        }

        var actor = gate.Actor;
        var today = gate.Today;
        return await unitOfWork.ExecuteAsync(
            async ct =>
            {
                var (locked, saved) = await store.LockAsync(providerCustomer.Id, ct);
                var method = saved.SingleOrDefault(m => m.Id == request.Id);
                if (method is null)
                {
                    return Error.NotFound("payment method");
                }

                store.Record(locked.Remove(saved, method, actor, today, clock.UtcNow));
                await db.SaveChangesAsync(ct);
                return Result<bool>.Success(true);
            },
            result => result.IsSuccess,
            cancellationToken);
    }
}
