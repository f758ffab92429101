using System.Text.Json;

namespace HeadlessPortal.Application.Portal;

/// <summary>JSON for portal messages: enums by camelCase name.</summary>
public static class PortalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
