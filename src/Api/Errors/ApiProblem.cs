using System.Text.Json.Serialization;

namespace HeadlessPortal.Api.Errors;

/// <summary>An RFC 9457 problem document, as every error response of this API is shaped.</summary>
/// <param name="Type">A URI reference identifying the problem type.</param>
/// <param name="Title">A short, human-readable summary of the problem type.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong in this occurrence, for a human.</param>
/// <param name="Code">Stable machine-readable code, e.g. validation_failed, not_found, host_name_taken.</param>
/// <param name="TraceId">Identifies this request in the server's logs; quote it when reporting a problem.</param>
/// <param name="Errors">For validation_failed: messages per field, keyed by camelCase field path.</param>
/// <param name="DeclineCode">For payment_declined: the card issuer's reason as the payment provider names it, such as insufficient_funds; absent when it gave none.</param>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Code,
    string TraceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeclineCode = null);
