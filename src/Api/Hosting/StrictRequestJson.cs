using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HeadlessPortal.Application.Common.Serialization;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// Request bodies may carry only the fields their type declares: a misspelt or invented field is refused (400 naming it)
/// instead of being dropped silently, as Stripe does. A body that is a GET's document sent back also accepts, and
/// ignores, that document's read-only fields (<see cref="AcceptsReadOnlyFieldsOfAttribute"/>).
/// </summary>
internal static class StrictRequestJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AcceptReadOnlyFields);
    }

    private static void AcceptReadOnlyFields(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.GetCustomAttribute<AcceptsReadOnlyFieldsOfAttribute>() is not { } accepts)
        {
            return;
        }

        var declared = info.Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in accepts.DocumentType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? info.Options.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name;
            if (declared.Add(name))
            {
                var ignored = info.CreateJsonPropertyInfo(typeof(JsonElement), name);
                ignored.Set = static (_, _) => { };
                info.Properties.Add(ignored);
            }
        }
    }
}
