using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Application.EstimateLinks;

/// <summary>Configuration section "EstimateLinks": how long direct estimate links work, in days.</summary>
public sealed class EstimateLinkOptions : ISelfCheckingOptions
{
    public const string SectionName = "EstimateLinks";

    /// <summary>For links the office makes without naming a lifetime, and for the links in estimate emails.</summary>
    public int DefaultDays { get; set; } = 30;

    /// <summary>The longest lifetime the office may ask for.</summary>
    public int MaxDays { get; set; } = 90;

    public string? Problem() =>
        MaxDays < 1 ? $"{SectionName}:MaxDays must be at least 1 (it is {MaxDays})."
        : DefaultDays < 1 || DefaultDays > MaxDays ? $"{SectionName}:DefaultDays must be between 1 and {SectionName}:MaxDays ({MaxDays}); it is {DefaultDays}."
        : null;
}
