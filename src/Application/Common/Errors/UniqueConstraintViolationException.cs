namespace HeadlessPortal.Application.Common.Errors;

/// <summary>
/// A write collided with a unique index, typically because a concurrent request won a race that a
/// pre-check could not see. Persistence translates provider errors into this type.
/// </summary>
public sealed class UniqueConstraintViolationException(Type entityType, IReadOnlyList<string> properties, Exception inner)
    : Exception($"A unique index on {entityType.Name}({string.Join(", ", properties)}) was violated.", inner)
{
    public Type EntityType { get; } = entityType;

    public IReadOnlyList<string> Properties { get; } = properties;

    public bool Covers<TEntity>(string property) =>
        EntityType == typeof(TEntity) && Properties.Contains(property, StringComparer.Ordinal);
}
