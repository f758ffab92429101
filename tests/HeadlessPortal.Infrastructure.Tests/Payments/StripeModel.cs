using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using Stripe;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>
/// Checks an answer of the fake against Stripe.net's model of the object, which Stripe generates from its own OpenAPI
/// description: the answer must read as that type, carry its <c>id</c> and <c>object</c>, and every field it sends,
/// at any depth, must be a field the model knows (so a misspelt or invented field fails here, not silently in the
/// SDK, which ignores what it does not know). Expandable fields may be an id or the object.
/// </summary>
internal static class StripeModel
{
    private static readonly Dictionary<string, Type> Objects = new(StringComparer.Ordinal)
    {
        ["payment_intent"] = typeof(PaymentIntent),
        ["setup_intent"] = typeof(SetupIntent),
        ["payment_method"] = typeof(PaymentMethod),
        ["customer"] = typeof(Customer),
        ["event"] = typeof(Event),
    };

    /// <summary>What in <paramref name="answer"/> does not fit Stripe.net's model of <paramref name="objectName"/>; empty when all does.</summary>
    public static IReadOnlyList<string> Problems(JsonNode? answer, string objectName)
    {
        var problems = new List<string>();
        if (objectName == "error")
        {
            // An error answer is { "error": { ... } } with the error object of StripeError.
            if (answer?["error"] is not JsonObject error)
            {
                return ["the answer has no error object"];
            }

            Fields(error, typeof(StripeError), "error", problems);
            return problems;
        }

        if (!Objects.TryGetValue(objectName, out var type))
        {
            return [$"no model for '{objectName}'"];
        }

        if (answer is not JsonObject obj)
        {
            return [$"{objectName} is not an object"];
        }

        if (obj["object"]?.GetValue<string>() != objectName)
        {
            problems.Add($"{objectName}.object is '{obj["object"]}'");
        }

        if (obj["id"] is not JsonValue id || string.IsNullOrEmpty(id.GetValue<string>()))
        {
            problems.Add($"{objectName}.id is missing");
        }

        try
        {
            typeof(StripeEntity<>).MakeGenericType(type).GetMethod("FromJson", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [obj.ToJsonString()]);
        }
        catch (TargetInvocationException ex)
        {
            problems.Add($"{objectName} does not read as {type.Name}: {ex.InnerException?.Message}");
        }

        Fields(obj, type, objectName, problems);
        return problems;
    }

    private static void Fields(JsonObject obj, Type type, string path, List<string> problems)
    {
        var known = Known(type);
        foreach (var (name, value) in obj)
        {
            if (!known.TryGetValue(name, out var property))
            {
                problems.Add($"{path}.{name} is not a field of {type.Name}");
                continue;
            }

            if (value is null)
            {
                continue;
            }

            var target = Inner(property.PropertyType);
            if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(ExpandableField<>))
            {
                if (value is JsonObject expanded)
                {
                    Fields(expanded, target.GetGenericArguments()[0], $"{path}.{name}", problems);
                }
            }
            else if (value is JsonObject nested && typeof(StripeEntity).IsAssignableFrom(target))
            {
                Fields(nested, target, $"{path}.{name}", problems);
            }
            else if (value is JsonArray items && typeof(StripeEntity).IsAssignableFrom(target))
            {
                foreach (var item in items.OfType<JsonObject>())
                {
                    Fields(item, target, $"{path}.{name}[]", problems);
                }
            }
        }
    }

    /// <summary>The type a property holds: the element of a list, the T of a nullable.</summary>
    private static Type Inner(Type type)
    {
        if (type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1)
        {
            return type.GetGenericArguments()[0];
        }

        return Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>The JSON names of the model's fields (public ones and the internal expandable ones), by name.</summary>
    private static Dictionary<string, PropertyInfo> Known(Type type)
    {
        var known = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            var name = property.CustomAttributes
                .Where(a => a.AttributeType.Name is "JsonPropertyAttribute" or "JsonPropertyNameAttribute" && a.ConstructorArguments.Count == 1)
                .Select(a => a.ConstructorArguments[0].Value as string)
                .FirstOrDefault(n => n is not null);
            if (name is not null)
            {
                known.TryAdd(name, property);
            }
        }

        return known;
    }
}
