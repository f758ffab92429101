using HeadlessPortal.Application.ProposalDocuments;
using HeadlessPortal.Infrastructure.ProposalDocuments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeadlessPortal.Infrastructure.Tests.ProposalDocuments;

public sealed class ProposalDocumentRegistrationTests
{
    [Fact]
    public void AddInfrastructure_RegistersThePdfRendererAsTheEstimateDocumentRenderer()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outbox:Enabled"] = "false",
            ["Maintenance:Enabled"] = "false",
            ["Imports:WorkerEnabled"] = "false",
        });
        builder.Services.AddLogging();
        builder.Services.AddInfrastructure(builder.Configuration, AppContext.BaseDirectory);
        using var host = builder.Build();

        var renderer = host.Services.GetRequiredService<IProposalDocumentRenderer>();

        Assert.IsType<PdfProposalDocumentRenderer>(renderer);
        Assert.Same(renderer, host.Services.GetRequiredService<IProposalDocumentRenderer>());
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(renderer.Render(ProposalDocumentSamples.Open()), 0, 5), StringComparison.Ordinal);
    }
}
