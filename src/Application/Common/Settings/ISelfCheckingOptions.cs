namespace HeadlessPortal.Application.Common.Settings;

/// <summary>
/// Options that know their own rules. Registered with <c>AddSettings</c>, a broken rule stops the host at start-up with
/// the message <see cref="Problem"/> gives, naming the setting, rather than failing on the first request that reads it.
/// </summary>
public interface ISelfCheckingOptions
{
    /// <summary>The first rule the values break, as a message naming the setting; null when they are valid.</summary>
    string? Problem();
}
