using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeadlessPortal.Browser.Tests.Support;

/// <summary>
/// A company's website on its own origin (http://localhost:&lt;port&gt;, another port and host name than the API's):
/// serves the pages a test puts on it, as a web designer would paste the widgets into them.
/// </summary>
public sealed class CompanySite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string Content, string Type)> _pages = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>The site's origin, such as http://localhost:41234.</summary>
    public string Origin { get; private set; } = "";

    public static async Task<CompanySite> StartAsync()
    {
        var site = new CompanySite();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        site._app = builder.Build();
        site._app.Run(async context =>
        {
            if (site._pages.TryGetValue(context.Request.Path.Value ?? "/", out var file))
            {
                context.Response.ContentType = file.Type;
                await context.Response.WriteAsync(file.Content);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await site._app.StartAsync();
        var address = new Uri(site._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        site.Origin = $"http://localhost:{address.Port}";
        return site;
    }

    /// <summary>
    /// Puts a page of the company's site (a plain HTML page with <paramref name="body"/> in it) at <paramref name="path"/>
    /// (a new one when null) and answers its URL.
    /// </summary>
    public string Page(string title, string head, string body, string? path = null)
    {
        path ??= "/" + Guid.NewGuid().ToString("N") + ".html";
        _pages[path] = ($"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{WebUtility.HtmlEncode(title)}</title>{head}</head>
            <body>
            <header><h1>Springfield Comfort Co.</h1><p>Heating and cooling since 1987.</p></header>
            <main>{body}</main>
            </body>
            </html>
            """, "text/html; charset=utf-8");
        return Origin + path;
    }

    /// <summary>Puts a file of the site as it is (a front end's page, script or style sheet) and answers its URL.</summary>
    public string File(string path, string contentType, string content)
    {
        _pages[path] = (content, contentType);
        return Origin + path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
