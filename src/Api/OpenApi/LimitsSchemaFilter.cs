using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>States on every property of the documents the API reads and writes the limits it enforces (<see cref="ContractLimits"/>).</summary>
internal sealed class LimitsSchemaFilter(ContractLimits limits) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (concrete.Properties is { Count: > 0 } properties)
        {
            foreach (var (name, property) in properties)
            {
                if (property is OpenApiSchema inline)
                {
                    limits.Constrain(inline, name, context.Type, id => context.SchemaRepository.Schemas.GetValueOrDefault(id));
                }
            }
        }
        else if (context.MemberInfo is not null || context.ParameterInfo is not null)
        {
            // A property's own schema is visited before its owner's: the owner's validator speaks first.
            limits.Constrain(concrete, context.MemberInfo?.Name ?? context.ParameterInfo!.Name ?? string.Empty, context.MemberInfo?.DeclaringType);
        }
    }
}
