using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Billing;

/// <summary>A payment the office recorded (cash, check, card in the office).</summary>
public sealed record RecordedPayment(string? Reference, long Amount, DateTimeOffset PaidAt, string? Method)
{
    public const int TextMaxLength = 100;
}

/// <summary>
/// A payment collected online that the back office has not reported back yet: until a sync lists a payment whose
/// reference is <see cref="PaymentId"/>, its amount stays deducted from the balance the back office sends.
/// </summary>
public sealed record OnlinePayment(Guid PaymentId, long Amount, DateTimeOffset PaidAt, string Method)
{
    public string Reference => PaymentId.ToString();
}

/// <summary>Who an invoice is for and what it belongs to.</summary>
public sealed record InvoiceLinks(Ref BillTo, Ref? Job, Ref? Location, Ref? BusinessUnit);

/// <summary>The money of an invoice, in minor units of one currency.</summary>
public sealed record InvoiceAmounts(string Currency, IReadOnlyList<LineItem> Lines, long Subtotal, long Tax, long Total, long Balance, IReadOnlyList<RecordedPayment> Payments)
{
    public const int MaxLines = 500;
    public const int MaxPayments = 100;

    /// <summary>
    /// Rules: lines are consistent; subtotal equals the sum of the lines; tax is not negative; total is
    /// subtotal plus tax and not negative; the balance is never negative nor above the total; recorded
    /// payments are positive and never add up to more than the total.
    /// </summary>
    public InvoiceAmounts Validated()
    {
        if (Lines.Count > MaxLines || Payments.Count > MaxPayments)
        {
            throw new DomainException("too_many_items", $"An invoice has at most {MaxLines} lines and {MaxPayments} payments.");
        }

        var lines = Lines.Select(l => l.Validated()).ToList();
        if (LineItem.Sum(lines) != Subtotal)
        {
            throw new DomainException("subtotal_mismatch", $"The subtotal {Subtotal} is not the sum of the lines ({LineItem.Sum(lines)}).");
        }

        if (Tax < 0 || Total != Subtotal + Tax || Total < 0)
        {
            throw new DomainException("total_mismatch", "The total is the subtotal plus a tax that is not negative, and is not negative itself.");
        }

        if (Balance < 0 || Balance > Total)
        {
            throw new DomainException("invalid_balance", "The balance is never negative nor above the total.");
        }

        if (Payments.Any(p => p.Amount <= 0 || p.Reference is { Length: > RecordedPayment.TextMaxLength } || p.Method is { Length: > RecordedPayment.TextMaxLength })
            || Payments.Aggregate(0L, (sum, p) => checked(sum + p.Amount)) > Total)
        {
            throw new DomainException("invalid_payments", "Recorded payments are positive and add up to at most the total.");
        }

        return this with { Currency = CurrencyCode.Normalize(Currency), Lines = lines };
    }
}

/// <summary>An invoice as the back office issued it.</summary>
public sealed class Invoice : SyncedEntity
{
    public const string SentEvent = "invoice.sent";
    public const int NumberMaxLength = 50;
    public const int SummaryMaxLength = 4000;

    private string _number = null!;
    private Guid _billToId;
    private string _billToExternalId = null!;
    private Guid? _jobId;
    private string? _jobExternalId;
    private Guid? _locationId;
    private string? _locationExternalId;
    private Guid? _businessUnitId;
    private string? _businessUnitExternalId;
    private DateOnly _issueDate;
    private DateOnly? _dueDate;
    private string _currency = null!;
    private List<LineItem> _lines = [];
    private long _subtotal;
    private long _tax;
    private long _total;
    private long _balance;
    private List<RecordedPayment> _payments = [];
    private string? _summary;
    private bool _everHadBalance;
    private long _paymentHold;
    private List<OnlinePayment> _unrecordedOnlinePayments = [];
    private int _version;

    private Invoice()
    {
    }

    private Invoice(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public string Number => _number;

    public Ref BillTo => new(_billToId, _billToExternalId);

    public Guid BillToId => _billToId;

    public string BillToExternalId => _billToExternalId;

    public Ref? Job => RefOf(_jobId, _jobExternalId);

    public Guid? JobId => _jobId;

    public string? JobExternalId => _jobExternalId;

    public Ref? Location => RefOf(_locationId, _locationExternalId);

    public Guid? LocationId => _locationId;

    public string? LocationExternalId => _locationExternalId;

    public Ref? BusinessUnit => RefOf(_businessUnitId, _businessUnitExternalId);

    public Guid? BusinessUnitId => _businessUnitId;

    public string? BusinessUnitExternalId => _businessUnitExternalId;

    public DateOnly IssueDate => _issueDate;

    public DateOnly? DueDate => _dueDate;

    public string Currency => _currency;

    public IReadOnlyList<LineItem> Lines => _lines;

    public long Subtotal => _subtotal;

    public long Tax => _tax;

    public long Total => _total;

    public long Balance => _balance;

    public IReadOnlyList<RecordedPayment> Payments => _payments;

    /// <summary>Customer-facing summary of the work billed.</summary>
    public string? Summary => _summary;

    /// <summary>
    /// Whether the balance was ever above zero: it is now, or payments were recorded against it (an invoice the
    /// back office first sends already paid still asked for money). An invoice that never was ($0) is never listed
    /// to customers (PRODUCT.md#invoice-visibility); once true, it stays true.
    /// </summary>
    public bool EverHadBalance => _everHadBalance;

    /// <summary>The part of the balance held by online payments in flight; no other payment may take it.</summary>
    public long PaymentHold => _paymentHold;

    /// <summary>What a new online payment may still take: the balance less what payments in flight hold.</summary>
    public long AvailableToPay => Math.Max(0, _balance - _paymentHold);

    /// <summary>Online payments collected here and not yet listed by the back office.</summary>
    public IReadOnlyList<OnlinePayment> UnrecordedOnlinePayments => _unrecordedOnlinePayments;

    /// <summary>Grows with every change: a sync and a payment writing the same invoice at once cannot both win.</summary>
    public int Version => _version;

    public static Invoice Create(TenantId tenantId, string externalId, string number, InvoiceLinks links, DateOnly issueDate, DateOnly? dueDate, InvoiceAmounts amounts, string? summary, DateTimeOffset now)
    {
        var invoice = new Invoice(tenantId, externalId, now);
        invoice.Update(number, links, issueDate, dueDate, amounts, summary, now);
        if (invoice.Balance > 0)
        {
            invoice.Raise(SentEvent);
        }

        return invoice;
    }

    public bool Update(string number, InvoiceLinks links, DateOnly issueDate, DateOnly? dueDate, InvoiceAmounts amounts, string? summary, DateTimeOffset now)
    {
        if (dueDate < issueDate)
        {
            throw new DomainException("invalid_dates", "An invoice is due on or after its issue date.");
        }

        if (summary is { Length: > SummaryMaxLength })
        {
            throw new DomainException("too_long", $"A summary has at most {SummaryMaxLength} characters.");
        }

        var validated = amounts.Validated();

        // The back office's balance does not know yet about online payments it has not listed (by our payment id as
        // the reference): those stay deducted, and stay listed, until it does.
        var syncedReferences = validated.Payments.Select(p => p.Reference).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unrecorded = _unrecordedOnlinePayments.Where(p => !syncedReferences.Contains(p.Reference)).ToList();
        var unrecordedTotal = unrecorded.Aggregate(0L, (sum, p) => checked(sum + p.Amount));
        validated = validated with
        {
            Balance = Math.Max(0, validated.Balance - unrecordedTotal),
            Payments = [.. validated.Payments, .. unrecorded.Select(p => new RecordedPayment(p.Reference, p.Amount, p.PaidAt, p.Method))],
        };
        if (unrecorded.Count != _unrecordedOnlinePayments.Count)
        {
            _unrecordedOnlinePayments = unrecorded;
        }

        var changed = Set(ref _number, Guard.Required(number, "Invoice number", NumberMaxLength));
        changed |= SetRef(links.BillTo, ref _billToId, ref _billToExternalId);
        changed |= SetRef(links.Job, ref _jobId, ref _jobExternalId);
        changed |= SetRef(links.Location, ref _locationId, ref _locationExternalId);
        changed |= SetRef(links.BusinessUnit, ref _businessUnitId, ref _businessUnitExternalId);
        changed |= Set(ref _issueDate, issueDate);
        changed |= Set(ref _dueDate, dueDate);
        changed |= Set(ref _currency, validated.Currency);
        changed |= Set(ref _subtotal, validated.Subtotal);
        changed |= Set(ref _tax, validated.Tax);
        changed |= Set(ref _total, validated.Total);
        changed |= Set(ref _balance, validated.Balance);
        if (!_lines.SequenceEqual(validated.Lines))
        {
            _lines = validated.Lines.ToList();
            changed = true;
        }

        if (!_payments.SequenceEqual(validated.Payments))
        {
            _payments = validated.Payments.ToList();
            changed = true;
        }

        changed |= Set(ref _summary, string.IsNullOrWhiteSpace(summary) ? null : summary);
        changed |= Set(ref _everHadBalance, _everHadBalance || validated.Balance > 0 || validated.Payments.Any(p => p.Amount > 0));
        if (changed)
        {
            _version++;
        }

        return Stamp(changed, now);
    }

    /// <summary>
    /// PRODUCT.md#payable: holds part of the balance for an online payment about to be charged. No sequence of
    /// holds can take more than the balance: what is held is gone for every other payment until released or applied.
    /// </summary>
    public void HoldForPayment(long amount)
    {
        if (amount <= 0)
        {
            throw new DomainException("invalid_amount", "A payment amount is above zero.");
        }

        // An invoice lists at most MaxPayments payments, as the back office may send them; online ones count too.
        if (_payments.Count >= InvoiceAmounts.MaxPayments)
        {
            throw new DomainException(
                "too_many_payments",
                $"Invoice {_number} already has {InvoiceAmounts.MaxPayments} payments; pay the rest at the office.",
                DomainErrorKind.Conflict);
        }

        if (amount > AvailableToPay)
        {
            // Nothing left while payments are under way reads differently from asking for too much.
            throw new DomainException(
                AvailableToPay == 0 && _balance > 0 ? Portal.Rules.NotPayableReason.PaymentInProgress : "amount_exceeds_balance",
                $"Invoice {_number}: {amount} is more than the {AvailableToPay} that can be paid now (other payments may be under way).",
                DomainErrorKind.Conflict);
        }

        _paymentHold += amount;
        _version++;
    }

    /// <summary>Gives a held amount back (the payment failed or was canceled).</summary>
    public void ReleaseHold(long amount)
    {
        _paymentHold = Math.Max(0, _paymentHold - amount);
        _version++;
    }

    /// <summary>
    /// Applies a collected online payment: the balance drops by the amount (never below zero), the hold taken for it
    /// is released when there was one, and the payment is listed until the back office reports it.
    /// </summary>
    public void ApplyOnlinePayment(OnlinePayment payment, bool wasHeld, DateTimeOffset now)
    {
        if (wasHeld)
        {
            _paymentHold = Math.Max(0, _paymentHold - payment.Amount);
            _version++;
        }

        if (_unrecordedOnlinePayments.Any(p => p.PaymentId == payment.PaymentId) || _payments.Any(p => string.Equals(p.Reference, payment.Reference, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        _balance = Math.Max(0, _balance - payment.Amount);
        _unrecordedOnlinePayments = [.. _unrecordedOnlinePayments, payment];
        _payments = [.. _payments, new RecordedPayment(payment.Reference, payment.Amount, payment.PaidAt, payment.Method)];
        _everHadBalance = true;
        _version++;
        MarkUpdated(now);
    }
}
