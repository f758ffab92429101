using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// Parameters the handler takes as nullable strings, so that its validator can name a missing or wrong value, are
/// declared as what the API requires: <see cref="RequiredAttribute"/> makes them required, <see cref="DocumentedAsAttribute"/>
/// gives them the schema of the enum whose values they accept.
/// </summary>
internal sealed class DeclaredParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var info = context.ParameterInfo ?? (context.ApiParameterDescription.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
        if (info is null || parameter is not OpenApiParameter concrete)
        {
            return;
        }

        if (info.IsDefined(typeof(RequiredAttribute), inherit: true))
        {
            concrete.Required = true;
        }

        if (info.GetCustomAttribute<DocumentedAsAttribute>() is { } documented)
        {
            concrete.Schema = context.SchemaGenerator.GenerateSchema(documented.Type, context.SchemaRepository);
        }
    }
}

/// <summary>Documents a parameter bound as a string as the given type (an enum) in the contract.</summary>
/// <param name="type">The type whose schema the parameter's values follow.</param>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class DocumentedAsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
