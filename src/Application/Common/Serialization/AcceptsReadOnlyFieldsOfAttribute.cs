namespace HeadlessPortal.Application.Common.Serialization;

/// <summary>
/// A request body that is the document a GET answered, changed and sent back: besides its own fields it accepts, and
/// ignores, the read-only fields of <paramref name="documentType"/>. Any other field it does not declare is refused.
/// </summary>
/// <param name="documentType">The type of the document the GET answers.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AcceptsReadOnlyFieldsOfAttribute(Type documentType) : Attribute
{
    public Type DocumentType { get; } = documentType;
}
