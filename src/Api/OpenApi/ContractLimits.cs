using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Validators;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Imports;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.OpenApi;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// The limits the API enforces, found where they are defined so the contract states them without a list kept by hand:
/// the FluentValidation rules of the request (MaximumLength, InclusiveBetween, comparisons), the Domain constants that
/// validators and column lengths share (<c>TitleMaxLength</c>, <c>HostName.MaxLength</c>, <c>MaxLines</c>), and the
/// shape of values whose length is fixed by their format (UUIDs, timestamps, cursors). Request and response schemas
/// of the same name get the same limit: responses answer what requests and the back office's sync stored.
/// </summary>
internal sealed partial class ContractLimits
{
    /// <summary>The longest text a <c>date-time</c> value takes: "2026-11-21T15:04:05.1234567+00:00".</summary>
    public const int DateTimeMaxLength = 33;

    /// <summary>W/"…" around the 64 hex digits of a SHA-256, the longest entity tag the API makes.</summary>
    public const int EntityTagMaxLength = 2 + 1 + 64 + 1;

    private const int UuidLength = 36;
    private const int DateLength = 10;

    private static readonly Assembly[] LimitAssemblies = [typeof(Limits).Assembly, typeof(PageLimits).Assembly, typeof(DatabaseOptions).Assembly];

    private readonly Dictionary<Type, IValidatorDescriptor?> _descriptors = [];
    private readonly Dictionary<string, int> _stringLimits;
    private readonly Dictionary<string, int> _itemLimits;
    private readonly int _idMaxLength;
    private readonly IServiceProvider _services;

    public ContractLimits(IServiceProvider services)
    {
        _services = services;
        _stringLimits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _itemLimits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in LimitAssemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (Type: t, Field: f))))
        {
            var value = (int)field.Field.GetRawConstantValue()!;
            var name = field.Field.Name;
            if (name.StartsWith("Min", StringComparison.Ordinal))
            {
                continue;
            }

            if (name is "MaxLength" or "Length")
            {
                // HostName.MaxLength, Slug.MaxLength, PasswordRules.MaxLength, CurrencyCode.Length: values named after the type.
                Widen(_stringLimits, TypeSuffix().Replace(field.Type.Name, string.Empty), value);
            }
            else if (name.EndsWith("MaxLength", StringComparison.Ordinal))
            {
                Widen(_stringLimits, name[..^"MaxLength".Length], value);
            }
            else if (name.EndsWith("Length", StringComparison.Ordinal) && name.Length > "Length".Length)
            {
                Widen(_stringLimits, name[..^"Length".Length], value);
            }
            else if (name.StartsWith("Max", StringComparison.Ordinal) && name.Length > 3 && char.IsUpper(name[3]) && name.EndsWith('s'))
            {
                // Customer.MaxEmails, InvoiceAmounts.MaxLines, Job.MaxTechnicians: how many a list holds at most.
                Widen(_itemLimits, name[3..], value);
            }
        }

        foreach (var descriptor in ValidatorTypes().Select(Describe))
        {
            foreach (var (member, max) in Rules<ILengthValidator>(descriptor).Where(r => r.Rule.Max > 0).Select(r => (r.Member, r.Rule.Max)))
            {
                Widen(_stringLimits, member, max);
            }

            foreach (var (member, max) in Rules<IMaxItemsValidator>(descriptor).Select(r => (r.Member, r.Rule.Max)))
            {
                Widen(_itemLimits, member, max);
                if (member.EndsWith("Ids", StringComparison.Ordinal))
                {
                    // equipmentIds and invoiceIds in, equipment and invoices out.
                    Widen(_itemLimits, member[..^3], max);
                    Widen(_itemLimits, member[..^3] + "s", max);
                }
            }
        }

        // Names whose limit is defined under another name.
        Widen(_stringLimits, "LastFour", PaymentMethodDisplay.Last4Length);
        Widen(_stringLimits, "To", ContactRules.EmailMaxLength);
        Widen(_stringLimits, "Reference", RecordedPayment.TextMaxLength);
        Widen(_stringLimits, "Method", RecordedPayment.TextMaxLength);
        Widen(_stringLimits, "Method", PaymentMethodHistoryEntry.SummaryMaxLength);
        Widen(_stringLimits, "Version", Domain.Portal.PortalSettings.LegalAgreementVersionMaxLength);
        Widen(_stringLimits, "AcceptedBy", ApiClient.ClientIdMaxLength);
        Widen(_stringLimits, "Secret", Math.Max(ApiClient.SecretMaxLength, SavedPaymentMethod.ProviderIdMaxLength));
        Widen(_itemLimits, "ServiceHistory", Equipment.MaxLinks);
        Widen(_itemLimits, "Errors", ImportJob.MaxStoredErrors);

        // Pages hold at most the largest ?limit=; ?after= takes a nextCursor back.
        _itemLimits["Data"] = PageLimits.Max;
        _stringLimits["After"] = Cursor.MaxLength;

        // OAuth scopes: a list of the scopes there are, or all of them in one space-separated string.
        _itemLimits["Scopes"] = Scopes.All.Count;
        Widen(_stringLimits, "Scope", string.Join(' ', Scopes.All).Length);

        // Entity tags (ETag, If-Match, If-None-Match) are a quoted hash, at most a weak, quoted SHA-256 in hex.
        _stringLimits["ETag"] = EntityTagMaxLength;
        _stringLimits["Match"] = EntityTagMaxLength;

        // Addresses of this API (issuer, endpoints, URIs) are URLs like any other.
        foreach (var url in new[] { "Uri", "Endpoint", "Issuer" })
        {
            Widen(_stringLimits, url, ContactRules.UrlMaxLength);
        }
        _idMaxLength = _stringLimits.Where(l => l.Key.EndsWith("Id", StringComparison.OrdinalIgnoreCase) || l.Key.Equals("ProviderId", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Value).DefaultIfEmpty(Limits.ExternalIdMaxLength).Max();
    }

    /// <summary>Sets maxLength, maxItems and integer bounds on a schema (and its items) found as property or parameter <paramref name="name"/>.</summary>
    public void Constrain(OpenApiSchema schema, string name, Type? owner = null, Func<string, IOpenApiSchema?>? resolve = null)
    {
        // One type (perhaps nullable); a schema of several types is a free-form JSON value, whose members have no name.
        var type = (schema.Type ?? 0) & ~JsonSchemaType.Null;
        if (type is not (JsonSchemaType.String or JsonSchemaType.Integer or JsonSchemaType.Number or JsonSchemaType.Array or JsonSchemaType.Object))
        {
            return;
        }

        if (type.HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength = OwnRule<int>(owner, name, r => r is ILengthValidator { Max: > 0 } l ? l.Max : null) ?? StringLimit(name, schema.Format);
        }

        if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            Bound(schema, owner, name);
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            if (schema.Items is OpenApiSchema items)
            {
                Constrain(items, Singular(name), owner, resolve);
            }

            // A list of enum values holds each value at most once.
            var choices = (schema.Items is OpenApiSchemaReference { Reference.Id: { } id } ? resolve?.Invoke(id) : schema.Items)?.Enum;
            schema.MaxItems ??= OwnRule<int>(owner, name, r => r is IMaxItemsValidator m ? m.Max : null)
                ?? (choices is { Count: > 0 } ? choices.Count : ItemLimit(name));
        }

        if (type.HasFlag(JsonSchemaType.Object) && schema.AdditionalProperties is OpenApiSchema values)
        {
            Constrain(values, name, owner, resolve);
        }
    }

    private int? StringLimit(string name, string? format)
    {
        switch (format)
        {
            case "uuid":
                return UuidLength;
            case "date-time":
                return DateTimeMaxLength;
            case "date":
                return DateLength;
        }

        if (Lookup(_stringLimits, name) is { } limit)
        {
            return limit;
        }

        return name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("_id", StringComparison.Ordinal) ? _idMaxLength : null;
    }

    private int? ItemLimit(string name)
    {
        if (Lookup(_itemLimits, name) is { } limit)
        {
            return limit;
        }

        // technicianIds, visibleBusinessUnitIds: lists of references, as many as the list they refer to holds.
        return name.EndsWith("Ids", StringComparison.Ordinal) ? Lookup(_itemLimits, name[..^3] + "s") : null;
    }

    /// <summary>The limit of the name, or of its longest trailing words ("invoiceExternalId" takes ExternalId's).</summary>
    private static int? Lookup(Dictionary<string, int> limits, string name)
    {
        var key = name.Contains('_', StringComparison.Ordinal) ? Pascal(name) : name;
        foreach (Match word in Words().Matches(key))
        {
            if (limits.TryGetValue(key[word.Index..], out var limit))
            {
                return limit;
            }
        }

        return null;
    }

    private void Bound(OpenApiSchema schema, Type? owner, string name)
    {
        if (OwnRule<decimal>(owner, name, r => r is IBetweenValidator { From: IConvertible from } ? Convert.ToDecimal(from, null) : null) is { } low)
        {
            schema.Minimum ??= low.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (OwnRule<decimal>(owner, name, r => r is IBetweenValidator { To: IConvertible to } ? Convert.ToDecimal(to, null) : null) is { } high)
        {
            schema.Maximum ??= high.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!(schema.Type ?? 0).HasFlag(JsonSchemaType.Integer))
        {
            return;
        }

        // Otherwise the bounds of the integer type the API reads and writes.
        var wide = schema.Format == "int64";
        schema.Format ??= "int32";
        schema.Minimum ??= (wide ? long.MinValue : int.MinValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        schema.Maximum ??= (wide ? long.MaxValue : int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What the validator of <paramref name="owner"/> enforces on the member, through the first rule that answers.</summary>
    private T? OwnRule<T>(Type? owner, string name, Func<IPropertyValidator, T?> read)
        where T : struct
    {
        if (owner is null || DescriptorOf(owner) is not { } descriptor)
        {
            return null;
        }

        var member = owner.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Name;
        return member is null ? null : descriptor.GetValidatorsForMember(member).Select(v => read(v.Validator)).FirstOrDefault(v => v is not null);
    }

    private IValidatorDescriptor? DescriptorOf(Type owner)
    {
        if (!_descriptors.TryGetValue(owner, out var descriptor))
        {
            // A request body read by an endpoint is validated as the command it becomes: CreateEstimateLinkRequest as CreateEstimateLinkCommand,
            // whose members carry the same names.
            var validated = owner.Name.EndsWith("Request", StringComparison.Ordinal) && !ValidatorTypes().Any(v => Validates(v, owner))
                ? typeof(PageLimits).Assembly.GetTypes().FirstOrDefault(t => t.Name == owner.Name[..^"Request".Length] + "Command") ?? owner
                : owner;
            var validatorType = ValidatorTypes().FirstOrDefault(v => Validates(v, validated));
            descriptor = validatorType is null ? null : Describe(validatorType);
            _descriptors[owner] = descriptor;
        }

        return descriptor;
    }

    private static bool Validates(Type validator, Type document) => validator.GetInterfaces().Contains(typeof(IValidator<>).MakeGenericType(document));

    private IValidatorDescriptor Describe(Type validatorType)
    {
        using var scope = _services.CreateScope();
        return ((IValidator)ActivatorUtilities.CreateInstance(scope.ServiceProvider, validatorType)).CreateDescriptor();
    }

    private static IEnumerable<(string Member, T Rule)> Rules<T>(IValidatorDescriptor descriptor) =>
        descriptor.GetMembersWithValidators().Where(g => g.Key is { Length: > 0 })
            .SelectMany(g => g.Select(v => v.Validator).OfType<T>().Select(rule => (g.Key, rule)));

    /// <summary>The validators of the Application layer; rules shared by several documents (PlanDocumentRules&lt;T&gt;) closed over each.</summary>
    private static IEnumerable<Type> ValidatorTypes()
    {
        var types = typeof(PageLimits).Assembly.GetTypes();
        var validators = types.Where(t => !t.IsAbstract && typeof(IValidator).IsAssignableFrom(t)).ToList();
        foreach (var validator in validators)
        {
            if (!validator.IsGenericTypeDefinition)
            {
                yield return validator;
                continue;
            }

            // Only rules that need nothing but the document, for documents of the interface they are written for.
            if (validator.GetGenericArguments() is not [var parameter] || validator.GetConstructor(Type.EmptyTypes) is null
                || parameter.GetGenericParameterConstraints() is not { Length: > 0 } constraints)
            {
                continue;
            }

            foreach (var document in types.Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && constraints.All(c => c.IsAssignableFrom(t))))
            {
                yield return validator.MakeGenericType(document);
            }
        }
    }

    private static void Widen(Dictionary<string, int> limits, string name, int value)
    {
        if (name.Length > 0 && (!limits.TryGetValue(name, out var known) || known < value))
        {
            limits[name] = value;
        }
    }

    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.EndsWith('s') ? name[..^1] : name;

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [GeneratedRegex("(Rules|Code)$")]
    private static partial Regex TypeSuffix();

    [GeneratedRegex("[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")]
    private static partial Regex Words();
}
