using System.Globalization;

namespace HeadlessPortal.FakeStripe.Internal;

/// <summary>The parameters of one request (form fields of a POST, query of a GET), read in Stripe's nested syntax.</summary>
internal sealed class FakeParams(IReadOnlyList<KeyValuePair<string, string>> fields)
{
    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    public string? Get(string name) => fields.LastOrDefault(f => f.Key == name).Value is { Length: > 0 } value ? value : null;

    public string Required(string name) => Get(name) ?? throw FakeError.MissingParam(name);

    public long RequiredLong(string name)
    {
        var value = Required(name);
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw FakeError.InvalidRequest($"Invalid integer: {value}", "parameter_invalid_integer", name);
    }

    public int? Int(string name)
    {
        var value = Get(name);
        return value is null ? null
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
            : throw FakeError.InvalidRequest($"Invalid integer: {value}", "parameter_invalid_integer", name);
    }

    public bool Bool(string name) => Get(name) switch
    {
        null or "false" => false,
        "true" => true,
        var other => throw FakeError.InvalidRequest($"Invalid boolean: {other}", "parameter_invalid_empty", name),
    };

    /// <summary><c>name[]=a&amp;name[]=b</c>, or <c>name[0]=a&amp;name[1]=b</c>.</summary>
    public IReadOnlyList<string> List(string name) =>
        fields.Where(f => f.Key == name + "[]" || (f.Key.StartsWith(name + "[", StringComparison.Ordinal) && f.Key.EndsWith(']') && f.Key[(name.Length + 1)..^1].All(char.IsAsciiDigit)))
            .Select(f => f.Value).ToList();

    /// <summary><c>name[key]=value</c> pairs (one level), such as metadata.</summary>
    public Dictionary<string, string> Hash(string name)
    {
        var hash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']') && key.IndexOf('[', name.Length + 1) < 0)
            {
                var inner = key[(name.Length + 1)..^1];
                if (value.Length == 0)
                {
                    hash.Remove(inner);
                }
                else
                {
                    hash[inner] = value;
                }
            }
        }

        return hash;
    }

    /// <summary>Refuses parameters the endpoint does not know, as Stripe does ("Received unknown parameter").</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var (key, _) in fields)
        {
            var root = key.IndexOf('[') is var bracket and > 0 ? key[..bracket] : key;
            if (!known.Contains(root, StringComparer.Ordinal))
            {
                throw FakeError.InvalidRequest($"Received unknown parameter: {key}", "parameter_unknown", key);
            }
        }
    }
}

/// <summary>An answer in Stripe's error shape, thrown by the handlers and written by the server.</summary>
internal sealed class FakeError(int status, string type, string message, string? code = null, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string? Code { get; } = code;

    public string? DeclineCode { get; init; }

    public string? Param { get; } = param;

    /// <summary>Extra members of the error object (<c>payment_intent</c>, <c>setup_intent</c>, <c>payment_method</c>).</summary>
    public Dictionary<string, System.Text.Json.Nodes.JsonNode?> Extra { get; } = [];

    public bool? ShouldRetry { get; init; }

    public static FakeError InvalidRequest(string message, string? code = null, string? param = null) => new(400, "invalid_request_error", message, code, param);

    public static FakeError MissingParam(string name) => InvalidRequest($"Missing required param: {name}.", "parameter_missing", name);

    /// <summary>An object named in a parameter does not exist (400), or the one in the URL does not (404).</summary>
    public static FakeError NoSuch(string kind, string id, string? param) =>
        new(param is null ? 404 : 400, "invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", param);
}
