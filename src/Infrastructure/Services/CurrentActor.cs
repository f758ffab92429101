using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Infrastructure.Services;

/// <summary>Scoped per request; authentication sets it to the caller.</summary>
public sealed class CurrentActor : ICurrentActor
{
    public const string Platform = "platform";
    public const string System = "system";

    public string Id { get; private set; } = System;

    public void Set(string id) => Id = id;
}
