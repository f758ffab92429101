using HeadlessPortal.Api.Portal;
using HeadlessPortal.Application.PublicPortal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Tests.Public;

/// <summary>
/// The filter every public and portal endpoint runs behind. Only the portal configuration endpoint exists
/// in those groups so far, and it is exempt; the filter itself is exercised here.
/// </summary>
public sealed class PortalAvailabilityFilterTests
{
    private static async Task<object?> RunAsync(bool portalEnabled, bool exempt)
    {
        var http = new DefaultHttpContext();
        http.Items[typeof(PortalCaller)] = new PortalCaller(Guid.CreateVersion7(), null, portalEnabled);
        var metadata = exempt ? new EndpointMetadataCollection(new AvailableWhenPortalOff()) : new EndpointMetadataCollection();
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "probe"));
        var context = EndpointFilterInvocationContext.Create(http);
        return await new PortalAvailabilityFilter().InvokeAsync(context, _ => ValueTask.FromResult<object?>("handled"));
    }

    [Fact]
    public async Task Filter_WhenPortalOff_Answers403PortalNotAvailable()
    {
        var result = Assert.IsType<ProblemHttpResult>(await RunAsync(portalEnabled: false, exempt: false));
        Assert.Equal(403, result.StatusCode);
        Assert.Equal("portal_not_available", result.ProblemDetails.Extensions["code"]);
    }

    [Fact]
    public async Task Filter_WhenPortalOn_RunsTheEndpoint() =>
        Assert.Equal("handled", await RunAsync(portalEnabled: true, exempt: false));

    [Fact]
    public async Task Filter_WhenEndpointIsExempt_RunsItEvenWithPortalOff() =>
        Assert.Equal("handled", await RunAsync(portalEnabled: false, exempt: true));
}
