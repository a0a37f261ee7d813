using System.Globalization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;
using MudBlazor.Services;
using Platform.Console;
using Platform.Console.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The browser's console gets warnings and errors only (not every HTTP call the SDK makes).
builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
builder.Services.AddMudServices();
// Resources/Texts.resx sits beside Texts.cs, so it is embedded under the class's name (Platform.Console.Texts).
builder.Services.AddLocalization();
builder.Services.AddScoped<ConsoleSession>();
builder.Services.AddScoped<PkceSignIn>();
builder.Services.AddScoped<ConsoleApi>();
// The OAuth endpoints are called without a token; the API through the SDK with one (AuthorizingHandler). The SDK's
// HttpClient is built in the app's own scope, not by IHttpClientFactory: the factory resolves handlers in a scope
// of its own, where the session would be a second, empty instance.
var origin = new Uri(new Uri(builder.HostEnvironment.BaseAddress), "/");
builder.Services.AddHttpClient(nameof(PkceSignIn), c => c.BaseAddress = origin);
builder.Services.AddScoped(sp => new Ticketing.Platform.Sdk.PlatformClient(new HttpClient(new AuthorizingHandler(
    sp.GetRequiredService<ConsoleSession>(), sp.GetRequiredService<PkceSignIn>(), sp.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>())
{
    InnerHandler = new HttpClientHandler(),
}) { BaseAddress = origin }));

var host = builder.Build();
var js = host.Services.GetRequiredService<IJSRuntime>();
var (texts, formats) = await ConsoleCulture.ChooseAsync(js);
CultureInfo.DefaultThreadCurrentUICulture = texts;
CultureInfo.DefaultThreadCurrentCulture = formats;
await host.Services.GetRequiredService<ConsoleSession>().LoadAsync();
await host.RunAsync();
