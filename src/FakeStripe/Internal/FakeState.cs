using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeadlessPortal.FakeStripe.Internal;

/// <summary>A response as the server writes it; kept whole for idempotent replays.</summary>
internal sealed record FakeResponse(int Status, string Body, bool? ShouldRetry = null, bool Replayed = false);

/// <summary>
/// The fake's objects and Stripe's rules for them. One lock guards everything, so requests are handled one at a time, in
/// arrival order: the outcome of a test never depends on timing. Objects belong to the account of the request that created
/// them (<c>Stripe-Account</c>), and are invisible to every other account.
/// </summary>
internal sealed class FakeState(FakeStripeOptions options, Func<string> baseUrl, Action<FakeStripeEvent> onEvent, Action<string> onBankProcessing)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int DefaultListLimit = 10;
    private const int MaxListLimit = 100;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeObject> _objects = new(StringComparer.Ordinal);
    private readonly List<FakeStripeEvent> _events = [];
    private readonly Dictionary<(string Account, string Key), Stored> _idempotent = [];
    private long _sequence;

    private sealed record Stored(string Method, string Path, string Parameters, FakeResponse Response);

    /// <summary>The context of the request being handled (under the lock).</summary>
    private string _requestId = "";
    private string? _idempotencyKey;

    public IReadOnlyList<FakeStripeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public static string NewId(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 24);

    public static string Serialize(JsonNode node) => node.ToJsonString(Indented);

    public IReadOnlyList<string> PaymentIntentIds(string? account)
    {
        lock (_gate)
        {
            return _objects.Values.OfType<FakePaymentIntent>().Where(pi => account is null || pi.Account == account).OrderBy(pi => pi.Created).ThenBy(Sequence).Select(pi => pi.Id).ToList();
        }
    }

    /// <summary>Handles one authenticated /v1 request: idempotency first, then the endpoint.</summary>
    /// <summary>
    /// What a publishable key may do, as Stripe.js does with it in the browser: read or confirm a PaymentIntent or
    /// SetupIntent whose <c>client_secret</c> it sends. Null when the request may go on; otherwise Stripe's refusal.
    /// </summary>
    public FakeResponse? RefusedForPublishableKey(string method, string path, string account, FakeParams parameters)
    {
        var s = path.Trim('/').Split('/');
        var intentCall = s.Length >= 3 && s[1] is ("setup_intents" or "payment_intents")
            && ((method == "GET" && s.Length == 3) || (method == "POST" && s.Length == 4 && s[3] == "confirm"));
        if (!intentCall)
        {
            return ErrorResponse(new FakeError(401, "invalid_request_error",
                "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys."));
        }

        var secret = parameters.Get("client_secret");
        if (secret is null)
        {
            return ErrorResponse(FakeError.MissingParam("client_secret"));
        }

        lock (_gate)
        {
            var expected = _objects.TryGetValue(s[2], out var found) && found.Account == account
                ? found switch { FakeSetupIntent si => si.ClientSecret, FakePaymentIntent pi => pi.ClientSecret, _ => null }
                : null;
            return expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected))
                ? null
                : ErrorResponse(FakeError.InvalidRequest(
                    $"The client_secret provided does not match the client_secret associated with the {(s[1] == "setup_intents" ? "SetupIntent" : "PaymentIntent")}.",
                    "resource_missing", "client_secret"));
        }
    }

    public FakeResponse Handle(string method, string path, string account, FakeParams parameters, string? idempotencyKey, string requestId)
    {
        lock (_gate)
        {
            _requestId = requestId;
            _idempotencyKey = method == "POST" ? idempotencyKey : null;
            var signature = string.Join("&", parameters.Fields.Select(f => f.Key + "=" + f.Value).Order(StringComparer.Ordinal));
            if (_idempotencyKey is not null && _idempotent.TryGetValue((account, _idempotencyKey), out var stored))
            {
                return stored.Method == method && stored.Path == path && stored.Parameters == signature
                    ? stored.Response with { Replayed = true }
                    : ErrorResponse(new FakeError(400, "idempotency_error",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{_idempotencyKey}' if you meant to execute a different request."));
            }

            FakeResponse response;
            try
            {
                var expand = parameters.List("expand");
                if (expand.FirstOrDefault(e => e.Contains('.')) is { } nested)
                {
                    throw FakeError.InvalidRequest($"The fake expands top-level fields only, not {nested}.", "parameter_invalid_string", "expand");
                }

                response = new FakeResponse(200, Serialize(Expand(Dispatch(method, path, account, parameters), account, expand)));
            }
            catch (FakeError error)
            {
                response = ErrorResponse(error);
            }

            if (_idempotencyKey is not null)
            {
                _idempotent[(account, _idempotencyKey)] = new Stored(method, path, signature, response);
            }

            return response;
        }
    }

    public FakeResponse ErrorResponse(FakeError error)
    {
        var message = error.Message;
        if (options.EchoSecretKeyInErrors && error.Type != "card_error")
        {
            message += $" (request made with API key {options.SecretKey})";
        }

        var body = new JsonObject
        {
            ["code"] = error.Code,
            ["decline_code"] = error.DeclineCode,
            ["doc_url"] = error.Code is null ? null : "https://stripe.com/docs/error-codes/" + error.Code.Replace('_', '-'),
            ["message"] = message,
            ["param"] = error.Param,
            ["type"] = error.Type,
        };
        foreach (var (key, value) in error.Extra)
        {
            body[key] = value?.DeepClone();
        }

        // Stripe leaves out what an error does not have, rather than writing null.
        foreach (var absent in body.Where(member => member.Value is null).Select(member => member.Key).ToList())
        {
            body.Remove(absent);
        }

        return new FakeResponse(error.Status, Serialize(new JsonObject { ["error"] = body }), error.ShouldRetry);
    }

    private JsonObject Dispatch(string method, string path, string account, FakeParams p)
    {
        var s = path.Trim('/').Split('/');
        return (method, s.Length > 1 ? s[1] : "", s.Length) switch
        {
            ("POST", "customers", 2) => CreateCustomer(account, p),
            ("GET", "customers", 2) => ListCustomers(account, p),
            ("GET", "customers", 3) => Find<FakeCustomer>(account, s[2], "customer", null).ToJson(),
            ("GET", "customers", 4) when s[3] == "payment_methods" => ListPaymentMethods(account, s[2], p),
            ("POST", "payment_intents", 2) => CreatePaymentIntent(account, p),
            ("GET", "payment_intents", 3) => Find<FakePaymentIntent>(account, s[2], "payment_intent", null).ToJson(),
            ("POST", "payment_intents", 4) when s[3] == "confirm" => ConfirmPaymentIntent(Find<FakePaymentIntent>(account, s[2], "payment_intent", null), p),
            ("POST", "payment_intents", 4) when s[3] == "cancel" => CancelPaymentIntent(Find<FakePaymentIntent>(account, s[2], "payment_intent", null), p),
            ("POST", "setup_intents", 2) => CreateSetupIntent(account, p),
            ("GET", "setup_intents", 3) => Find<FakeSetupIntent>(account, s[2], "setup_intent", null).ToJson(),
            ("POST", "setup_intents", 4) when s[3] == "confirm" => ConfirmSetupIntent(Find<FakeSetupIntent>(account, s[2], "setup_intent", null), p),
            ("GET", "payment_methods", 3) => GetPaymentMethod(account, s[2]),
            ("POST", "payment_methods", 4) when s[3] == "attach" => AttachPaymentMethod(account, s[2], p),
            ("POST", "payment_methods", 4) when s[3] == "detach" => DetachPaymentMethod(account, s[2], p),
            ("GET", "events", 2) => ListEvents(account, p),
            ("GET", "events", 3) => GetEvent(account, s[2]),
            _ => throw new FakeError(404, "invalid_request_error", $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or the fake's GET /_fake."),
        };
    }

    /// <summary><c>expand[]</c>: each id field named becomes the object it names (of the same account), as Stripe answers.</summary>
    private JsonObject Expand(JsonObject json, string account, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            if (!json.ContainsKey(field))
            {
                throw FakeError.InvalidRequest($"This property cannot be expanded ({field}).", "parameter_invalid_string", "expand");
            }

            if (json[field] is JsonValue value && value.TryGetValue<string>(out var id) && _objects.TryGetValue(id, out var named) && named.Account == account)
            {
                json[field] = named.ToJson();
            }
        }

        return json;
    }

    // ---- customers ----

    private JsonObject CreateCustomer(string account, FakeParams p)
    {
        p.AllowOnly("name", "email", "description", "phone", "metadata", "expand");
        var customer = Add(new FakeCustomer
        {
            Id = NewId("cus"), Account = account, Created = Now(), Sequence = ++_sequence,
            Name = p.Get("name"), Email = p.Get("email"), Description = p.Get("description"), Metadata = p.Hash("metadata"),
        });
        Emit(customer, "customer.created");
        return customer.ToJson();
    }

    private JsonObject ListCustomers(string account, FakeParams p)
    {
        p.AllowOnly("email", "limit", "starting_after", "expand");
        var email = p.Get("email");
        return Page(_objects.Values.OfType<FakeCustomer>().Where(c => c.Account == account && (email is null || c.Email == email)), p, "/v1/customers");
    }

    // ---- payment intents ----

    private JsonObject CreatePaymentIntent(string account, FakeParams p)
    {
        p.AllowOnly("amount", "currency", "payment_method", "payment_method_types", "allowed_payment_method_types", "customer", "description", "metadata", "confirm",
            "return_url", "mandate_data", "receipt_email", "statement_descriptor", "expand");
        var amount = p.RequiredLong("amount");
        var currency = p.Required("currency").ToLowerInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
        {
            throw FakeError.InvalidRequest($"Invalid currency: {currency}.", "parameter_invalid_string", "currency");
        }

        if (currency == "usd" && amount < 50)
        {
            throw FakeError.InvalidRequest("Amount must be at least $0.50 usd", "amount_too_small", "amount");
        }

        if (amount < 1)
        {
            throw FakeError.InvalidRequest("This value must be greater than or equal to 1.", "parameter_invalid_integer", "amount");
        }

        var (types, allowed) = PaymentMethodTypes(p);
        var customer = p.Get("customer") is { } customerId ? Find<FakeCustomer>(account, customerId, "customer", "customer").Id : null;
        var id = NewId("pi");
        var pi = new FakePaymentIntent
        {
            Id = id, Account = account, Created = Now(), Sequence = ++_sequence, Amount = amount, Currency = currency,
            ClientSecret = $"{id}_secret_{RandomNumberGenerator.GetString(Alphabet, 24)}", PaymentMethodTypes = types, AllowedPaymentMethodTypes = allowed,
            Customer = customer, Description = p.Get("description"), Metadata = p.Hash("metadata"), ReturnUrl = p.Get("return_url"),
        };
        FakePaymentMethod? method = null;
        if (p.Get("payment_method") is { } methodId)
        {
            method = UsableMethod(pi, methodId);
            pi.PaymentMethod = method.Id;
            pi.Status = "requires_confirmation";
        }

        Add(pi);
        Emit(pi, "payment_intent.created");
        if (p.Bool("confirm"))
        {
            Confirm(pi, method, p);
        }

        return pi.ToJson();
    }

    private JsonObject ConfirmPaymentIntent(FakePaymentIntent pi, FakeParams p)
    {
        p.AllowOnly("payment_method", "client_secret", "return_url", "mandate_data", "receipt_email", "expand");
        if (pi.Status is not ("requires_payment_method" or "requires_confirmation" or "requires_action"))
        {
            throw FakeError.InvalidRequest(
                $"This PaymentIntent's payment_method could not be updated because it has a status of {pi.Status}. You may only update the payment_method of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.",
                "payment_intent_unexpected_state");
        }

        FakePaymentMethod? method = null;
        if (p.Get("payment_method") is { } methodId)
        {
            method = UsableMethod(pi, methodId);
            pi.PaymentMethod = method.Id;
        }
        else if (pi.PaymentMethod is { } current)
        {
            method = (FakePaymentMethod)_objects[current];
        }

        if (p.Get("return_url") is { } returnUrl)
        {
            pi.ReturnUrl = returnUrl;
        }

        Confirm(pi, method, p);
        return pi.ToJson();
    }

    private void Confirm(FakePaymentIntent pi, FakePaymentMethod? method, FakeParams p)
    {
        if (method is null)
        {
            throw FakeError.InvalidRequest(
                "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a payment method, pass payment_method.",
                "payment_intent_unexpected_state");
        }

        if (method.Type == "us_bank_account")
        {
            RequireMandate(p);
        }

        pi.Attempted = method;
        pi.LastPaymentError = null;
        pi.NextAction = null;
        if (method.Customer is null)
        {
            method.Consumed = true;
        }

        switch (method.Behaviour)
        {
            case Behaviour.Succeeds:
                Succeed(pi);
                break;
            case Behaviour.Declines:
                Decline(pi, method, "generic_decline", "Your card was declined.");
                break;
            case Behaviour.InsufficientFunds:
                Decline(pi, method, "insufficient_funds", "Your card has insufficient funds.");
                break;
            case Behaviour.RequiresAction:
                pi.Status = "requires_action";
                var page = $"{baseUrl()}/_fake/3ds/{pi.Id}";
                pi.NextAction = pi.ReturnUrl is { } returnUrl
                    ? new JsonObject { ["type"] = "redirect_to_url", ["redirect_to_url"] = new JsonObject { ["return_url"] = returnUrl, ["url"] = page } }
                    : new JsonObject { ["type"] = "use_stripe_sdk", ["use_stripe_sdk"] = new JsonObject { ["type"] = "three_d_secure_redirect", ["stripe_js"] = page } };
                Emit(pi, "payment_intent.requires_action");
                break;
            default:
                pi.Status = "processing";
                pi.LatestCharge = NewId("py");
                Emit(pi, "payment_intent.processing");
                onBankProcessing(pi.Id);
                break;
        }
    }

    private static void RequireMandate(FakeParams p)
    {
        var type = p.Get("mandate_data[customer_acceptance][type]")
            ?? throw FakeError.InvalidRequest("mandate_data[customer_acceptance] is required to confirm a us_bank_account PaymentIntent.", "parameter_missing", "mandate_data");
        if (type == "online")
        {
            _ = p.Get("mandate_data[customer_acceptance][online][ip_address]") ?? throw FakeError.MissingParam("mandate_data[customer_acceptance][online][ip_address]");
            _ = p.Get("mandate_data[customer_acceptance][online][user_agent]") ?? throw FakeError.MissingParam("mandate_data[customer_acceptance][online][user_agent]");
        }
        else if (type != "offline")
        {
            throw FakeError.InvalidRequest($"Invalid mandate_data[customer_acceptance][type]: must be one of online or offline", "parameter_invalid_string", "mandate_data[customer_acceptance][type]");
        }
    }

    private void Succeed(FakePaymentIntent pi)
    {
        pi.Status = "succeeded";
        pi.AmountReceived = pi.Amount;
        pi.LatestCharge ??= NewId("ch");
        pi.NextAction = null;
        Emit(pi, "payment_intent.succeeded");
    }

    private void Decline(FakePaymentIntent pi, FakePaymentMethod method, string declineCode, string message)
    {
        var charge = NewId("ch");
        pi.LatestCharge = charge;
        pi.Status = "requires_payment_method";
        pi.PaymentMethod = null;
        pi.LastPaymentError = new JsonObject
        {
            ["charge"] = charge,
            ["code"] = "card_declined",
            ["decline_code"] = declineCode,
            ["doc_url"] = "https://stripe.com/docs/error-codes/card-declined",
            ["message"] = message,
            ["payment_method"] = method.ToJson(),
            ["type"] = "card_error",
        };
        Emit(pi, "payment_intent.payment_failed");
        throw new FakeError(402, "card_error", message, "card_declined")
        {
            DeclineCode = declineCode,
            Extra = { ["charge"] = charge, ["payment_intent"] = pi.ToJson(), ["payment_method"] = method.ToJson() },
        };
    }

    private JsonObject CancelPaymentIntent(FakePaymentIntent pi, FakeParams p)
    {
        p.AllowOnly("cancellation_reason", "expand");
        if (pi.Status is not ("requires_payment_method" or "requires_confirmation" or "requires_action"))
        {
            throw FakeError.InvalidRequest(
                $"You cannot cancel this PaymentIntent because it has a status of {pi.Status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.",
                "payment_intent_unexpected_state");
        }

        pi.Status = "canceled";
        pi.CanceledAt = Now();
        pi.CancellationReason = p.Get("cancellation_reason");
        pi.NextAction = null;
        Emit(pi, "payment_intent.canceled");
        return pi.ToJson();
    }

    /// <summary>
    /// The types an intent may use: <c>allowed_payment_method_types</c> in Stripe.net's API version, <c>payment_method_types</c>
    /// in earlier ones (and with curl); card when neither is given. The fake knows cards and US bank accounts only.
    /// </summary>
    private static (IReadOnlyList<string> Types, IReadOnlyList<string>? Allowed) PaymentMethodTypes(FakeParams p)
    {
        var allowed = p.List("allowed_payment_method_types") is { Count: > 0 } asked ? asked : null;
        var legacy = p.List("payment_method_types");
        if (allowed is not null && legacy.Count > 0)
        {
            throw FakeError.InvalidRequest("Pass allowed_payment_method_types or payment_method_types, not both.", "parameter_invalid_string", "payment_method_types");
        }

        var param = allowed is null ? "payment_method_types" : "allowed_payment_method_types";
        var types = allowed ?? (legacy.Count > 0 ? legacy : ["card"]);
        foreach (var type in types.Where(t => t is not ("card" or "us_bank_account")))
        {
            throw FakeError.InvalidRequest($"The payment method type \"{type}\" is invalid.", "payment_method_invalid_parameter", param);
        }

        return (types, allowed);
    }

    /// <summary>A method for this PaymentIntent: a test id makes a fresh one; a saved one must belong to the PaymentIntent's customer.</summary>
    private FakePaymentMethod UsableMethod(FakePaymentIntent pi, string methodId)
    {
        var method = ResolveMethod(pi.Account, methodId, "payment_method");
        if (method.Customer is not null && method.Customer != pi.Customer)
        {
            throw FakeError.InvalidRequest(
                $"The provided PaymentMethod is attached to a Customer ({method.Customer}). To use it, pass that Customer as customer.", "payment_method_customer_mismatch", "payment_method");
        }

        if (method.Consumed)
        {
            throw FakeError.InvalidRequest(
                "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.",
                "payment_method_unexpected_state", "payment_method");
        }

        if (!pi.PaymentMethodTypes.Contains(method.Type))
        {
            throw FakeError.InvalidRequest(
                $"The PaymentMethod provided ({method.Type}) is not allowed for this PaymentIntent. Allowed types: {string.Join(", ", pi.PaymentMethodTypes)}.",
                "payment_intent_incompatible_payment_method", "payment_method");
        }

        return method;
    }

    // ---- setup intents ----

    private JsonObject CreateSetupIntent(string account, FakeParams p)
    {
        p.AllowOnly("customer", "payment_method_types", "allowed_payment_method_types", "metadata", "usage", "description", "expand");
        var (types, allowed) = PaymentMethodTypes(p);

        var customer = p.Get("customer") is { } customerId ? Find<FakeCustomer>(account, customerId, "customer", "customer").Id : null;
        var id = NewId("seti");
        var si = Add(new FakeSetupIntent
        {
            Id = id, Account = account, Created = Now(), Sequence = ++_sequence, ClientSecret = $"{id}_secret_{RandomNumberGenerator.GetString(Alphabet, 24)}",
            PaymentMethodTypes = types, AllowedPaymentMethodTypes = allowed, Customer = customer, Description = p.Get("description"), Metadata = p.Hash("metadata"), Usage = p.Get("usage") ?? "off_session",
        });
        Emit(si, "setup_intent.created");
        return si.ToJson();
    }

    /// <summary>What Stripe.js does in the browser: the method the customer entered is saved to the SetupIntent's customer.</summary>
    private JsonObject ConfirmSetupIntent(FakeSetupIntent si, FakeParams p)
    {
        p.AllowOnly("payment_method", "client_secret", "return_url", "mandate_data", "expand");
        if (si.Status is not ("requires_payment_method" or "requires_confirmation"))
        {
            throw FakeError.InvalidRequest($"You cannot confirm this SetupIntent because it has a status of {si.Status}.", "setup_intent_unexpected_state");
        }

        var method = ResolveMethod(si.Account, p.Get("payment_method") ?? si.PaymentMethod ?? throw FakeError.MissingParam("payment_method"), "payment_method");
        if (!si.PaymentMethodTypes.Contains(method.Type))
        {
            throw FakeError.InvalidRequest($"The PaymentMethod provided ({method.Type}) is not allowed for this SetupIntent.", "setup_intent_invalid_parameter", "payment_method");
        }

        if ((method.Customer is not null && method.Customer != si.Customer) || method.Consumed)
        {
            throw FakeError.InvalidRequest("The provided PaymentMethod cannot be attached to this SetupIntent's customer.", "payment_method_unexpected_state", "payment_method");
        }

        if (method.Behaviour == Behaviour.Declines)
        {
            si.Status = "requires_payment_method";
            si.LastSetupError = new JsonObject
            {
                ["code"] = "card_declined", ["decline_code"] = "generic_decline", ["message"] = "Your card was declined.",
                ["payment_method"] = method.ToJson(), ["type"] = "card_error",
            };
            Emit(si, "setup_intent.setup_failed");
            throw new FakeError(402, "card_error", "Your card was declined.", "card_declined")
            {
                DeclineCode = "generic_decline",
                Extra = { ["setup_intent"] = si.ToJson(), ["payment_method"] = method.ToJson() },
            };
        }

        if (si.Customer is not null && method.Customer is null)
        {
            method.Customer = si.Customer;
            Emit(method, "payment_method.attached");
        }

        si.PaymentMethod = method.Id;
        si.LastSetupError = null;
        si.Status = "succeeded";
        Emit(si, "setup_intent.succeeded");
        return si.ToJson();
    }

    // ---- payment methods ----

    private JsonObject GetPaymentMethod(string account, string id) =>
        TestMethod.ById.TryGetValue(id, out var template)
            ? new FakePaymentMethod { Id = id, Account = account, Created = Now(), Type = template.Type, Behaviour = template.Behaviour, Template = template }.ToJson()
            : Find<FakePaymentMethod>(account, id, "PaymentMethod", null).ToJson();

    private JsonObject AttachPaymentMethod(string account, string id, FakeParams p)
    {
        p.AllowOnly("customer", "expand");
        var customer = Find<FakeCustomer>(account, p.Required("customer"), "customer", "customer");
        var method = TestMethod.ById.ContainsKey(id) ? ResolveMethod(account, id, null) : Find<FakePaymentMethod>(account, id, "PaymentMethod", null);
        if (method.Customer == customer.Id)
        {
            return method.ToJson();
        }

        if (method.Customer is not null)
        {
            throw FakeError.InvalidRequest("The payment method you provided has already been attached to a customer.", "payment_method_unexpected_state");
        }

        if (method.Consumed)
        {
            throw FakeError.InvalidRequest(
                "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.",
                "payment_method_unexpected_state");
        }

        method.Customer = customer.Id;
        Emit(method, "payment_method.attached");
        return method.ToJson();
    }

    private JsonObject DetachPaymentMethod(string account, string id, FakeParams p)
    {
        p.AllowOnly("expand");
        var method = Find<FakePaymentMethod>(account, id, "PaymentMethod", null);
        if (method.Customer is null)
        {
            throw FakeError.InvalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.", "payment_method_unexpected_state");
        }

        method.Customer = null;
        method.Consumed = true;
        Emit(method, "payment_method.detached");
        return method.ToJson();
    }

    private JsonObject ListPaymentMethods(string account, string customerId, FakeParams p)
    {
        p.AllowOnly("type", "limit", "starting_after", "expand");
        var customer = Find<FakeCustomer>(account, customerId, "customer", null);
        var type = p.Get("type");
        return Page(
            _objects.Values.OfType<FakePaymentMethod>().Where(m => m.Account == account && m.Customer == customer.Id && (type is null || m.Type == type)),
            p, $"/v1/customers/{customer.Id}/payment_methods");
    }

    /// <summary>A test id becomes a fresh method of its kind; any other id must be a method of this account.</summary>
    private FakePaymentMethod ResolveMethod(string account, string id, string? param)
    {
        if (TestMethod.ById.TryGetValue(id, out var template))
        {
            return Add(new FakePaymentMethod
            {
                Id = NewId("pm"), Account = account, Created = Now(), Sequence = ++_sequence, Type = template.Type, Behaviour = template.Behaviour, Template = template,
            });
        }

        return Find<FakePaymentMethod>(account, id, "PaymentMethod", param);
    }

    // ---- events ----

    private JsonObject GetEvent(string account, string id)
    {
        var evt = _events.FirstOrDefault(e => e.Id == id && (e.Account ?? "") == account) ?? throw FakeError.NoSuch("event", id, null);
        return JsonNode.Parse(evt.Json)!.AsObject();
    }

    private JsonObject ListEvents(string account, FakeParams p)
    {
        p.AllowOnly("type", "limit", "starting_after", "expand");
        var type = p.Get("type");
        var limit = Math.Clamp(p.Int("limit") ?? DefaultListLimit, 1, MaxListLimit);
        var matching = _events.Where(e => (e.Account ?? "") == account && (type is null || e.Type == type)).Reverse().ToList();
        if (p.Get("starting_after") is { } after)
        {
            matching = matching.SkipWhile(e => e.Id != after).Skip(1).ToList();
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(matching.Take(limit).Select(e => (JsonNode?)JsonNode.Parse(e.Json)).ToArray()),
            ["has_more"] = matching.Count > limit,
            ["url"] = "/v1/events",
        };
    }

    private void Emit(FakeObject subject, string type)
    {
        var created = Now();
        var json = new JsonObject
        {
            ["id"] = NewId("evt"),
            ["object"] = "event",
            ["api_version"] = options.ApiVersion,
            ["created"] = created,
            ["data"] = new JsonObject { ["object"] = subject.ToJson() },
            ["livemode"] = false,
            ["pending_webhooks"] = options.WebhookTarget is null ? 0 : 1,
            ["request"] = new JsonObject { ["id"] = _requestId.Length == 0 ? null : _requestId, ["idempotency_key"] = _idempotencyKey },
            ["type"] = type,
        };
        if (subject.Account.Length > 0)
        {
            // Stripe writes account only on events of connected accounts.
            json["account"] = subject.Account;
        }

        var evt = new FakeStripeEvent(json["id"]!.GetValue<string>(), type, subject.Account.Length == 0 ? null : subject.Account,
            DateTimeOffset.FromUnixTimeSeconds(created), subject.Id, Serialize(json));
        _events.Add(evt);
        onEvent(evt);
    }

    // ---- scripting (tests, demo and /_fake) ----

    public JsonObject CompleteAuthentication(string paymentIntentId, bool succeed)
    {
        lock (_gate)
        {
            Background();
            var pi = Any<FakePaymentIntent>(paymentIntentId);
            if (pi.Status != "requires_action")
            {
                throw new InvalidOperationException($"{pi.Id} is {pi.Status}, not requires_action: there is no authentication to complete.");
            }

            if (succeed)
            {
                Succeed(pi);
            }
            else
            {
                pi.Status = "requires_payment_method";
                pi.PaymentMethod = null;
                pi.NextAction = null;
                pi.LastPaymentError = new JsonObject
                {
                    ["code"] = "payment_intent_authentication_failure",
                    ["message"] = "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
                    ["payment_method"] = pi.Attempted?.ToJson(),
                    ["type"] = "invalid_request_error",
                };
                Emit(pi, "payment_intent.payment_failed");
            }

            return pi.ToJson();
        }
    }

    public JsonObject SettleBankPayment(string paymentIntentId, bool? succeed)
    {
        lock (_gate)
        {
            Background();
            var pi = Any<FakePaymentIntent>(paymentIntentId);
            if (pi.Status != "processing")
            {
                throw new InvalidOperationException($"{pi.Id} is {pi.Status}, not processing: there is nothing to settle.");
            }

            if (succeed ?? pi.Attempted?.Behaviour != Behaviour.BankFails)
            {
                Succeed(pi);
            }
            else
            {
                pi.Status = "requires_payment_method";
                pi.PaymentMethod = null;
                pi.LastPaymentError = new JsonObject
                {
                    ["code"] = "insufficient_funds",
                    ["message"] = "The customer's account has insufficient funds to cover this payment.",
                    ["payment_method"] = pi.Attempted?.ToJson(),
                    ["type"] = "card_error",
                };
                Emit(pi, "payment_intent.payment_failed");
            }

            return pi.ToJson();
        }
    }

    public string? ReturnUrl(string paymentIntentId)
    {
        lock (_gate)
        {
            return Any<FakePaymentIntent>(paymentIntentId).ReturnUrl;
        }
    }

    public FakeStripeEvent Event(string eventId)
    {
        lock (_gate)
        {
            return _events.FirstOrDefault(e => e.Id == eventId) ?? throw new KeyNotFoundException($"No event {eventId}.");
        }
    }

    /// <summary>Events of changes made by the fake itself carry no request.</summary>
    private void Background()
    {
        _requestId = "";
        _idempotencyKey = null;
    }

    // ---- helpers ----

    private T Add<T>(T obj)
        where T : FakeObject
    {
        _objects[obj.Id] = obj;
        return obj;
    }

    private T Find<T>(string account, string id, string kind, string? param)
        where T : FakeObject =>
        _objects.TryGetValue(id, out var obj) && obj is T typed && obj.Account == account ? typed : throw FakeError.NoSuch(kind, id, param);

    private T Any<T>(string id)
        where T : FakeObject =>
        _objects.TryGetValue(id, out var obj) && obj is T typed ? typed : throw new KeyNotFoundException($"No {typeof(T).Name[4..]} {id}.");

    private static long Sequence(FakeObject obj) => obj.Sequence;

    /// <summary>A list page, newest first, as Stripe's lists are.</summary>
    private static JsonObject Page(IEnumerable<FakeObject> items, FakeParams p, string url)
    {
        var limit = Math.Clamp(p.Int("limit") ?? DefaultListLimit, 1, MaxListLimit);
        var ordered = items.OrderByDescending(Sequence).ToList();
        if (p.Get("starting_after") is { } after)
        {
            ordered = ordered.SkipWhile(i => i.Id != after).Skip(1).ToList();
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(ordered.Take(limit).Select(i => (JsonNode?)i.ToJson()).ToArray()),
            ["has_more"] = ordered.Count > limit,
            ["url"] = url,
        };
    }

    private long Now() => options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
}
