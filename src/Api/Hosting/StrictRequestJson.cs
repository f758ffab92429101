using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HeadlessPortal.Application.Common.Serialization;
using HeadlessPortal.Application.Sync;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// Request bodies may carry only the fields their type declares: a misspelt or invented field is refused (400 naming it)
/// instead of being dropped silently, as Stripe does. A body that is a GET's document sent back also accepts, and
/// ignores, that document's read-only fields: types marked <see cref="AcceptsReadOnlyFieldsOfAttribute"/>, and every
/// synced resource's document (its GET view goes back as the PUT body).
/// </summary>
internal static class StrictRequestJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AcceptReadOnlyFields);
    }

    /// <summary>Each synced resource's document and the view its GET answers, which goes back as the PUT body unchanged.</summary>
    private static readonly Lazy<Dictionary<Type, Type>> SyncViews = new(() => typeof(ISyncResource).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true })
        .Select(SyncResourceBase)
        .OfType<Type>()
        .Select(b => b.GetGenericArguments())
        .GroupBy(a => a[1])
        .ToDictionary(g => g.Key, g => g.First()[2]));

    private static Type? SyncResourceBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(SyncResource<,,>))
            {
                return t;
            }
        }

        return null;
    }

    private static void AcceptReadOnlyFields(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var answered = info.Type.GetCustomAttribute<AcceptsReadOnlyFieldsOfAttribute>()?.DocumentType ?? SyncViews.Value.GetValueOrDefault(info.Type);
        if (answered is null)
        {
            return;
        }

        var declared = info.Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in answered.GetProperties(BindingFlags.Public | BindingFlags.Instance))
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
