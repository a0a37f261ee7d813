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

builder.Services.AddMudServices();
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddScoped<ConsoleSession>();
builder.Services.AddScoped<PkceSignIn>();
builder.Services.AddScoped<AuthorizingHandler>();
builder.Services.AddScoped<ConsoleApi>();
// The OAuth endpoints are called without a token; the API through the SDK with one (AuthorizingHandler).
var origin = new Uri(new Uri(builder.HostEnvironment.BaseAddress), "/");
builder.Services.AddHttpClient(nameof(PkceSignIn), c => c.BaseAddress = origin);
builder.Services.AddHttpClient(nameof(ConsoleApi), c => c.BaseAddress = origin).AddHttpMessageHandler<AuthorizingHandler>();

var host = builder.Build();
var js = host.Services.GetRequiredService<IJSRuntime>();
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = await ConsoleCulture.ChooseAsync(js);
await host.Services.GetRequiredService<ConsoleSession>().LoadAsync();
await host.RunAsync();
