using Elumenta.Core.Hosting;
using System.Text;
using Elumenta.Api.Auth;
using Elumenta.Api.Hosting;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using Elumenta.Providers;
using Elumenta.Providers.Configuration;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Operator;

/// <summary>
/// <c>--check</c>: builds the app without starting it, validates what the start would, and prints what the API
/// would run with. Nothing is created, listened on or contacted: the database is opened read-only if it exists.
/// </summary>
internal static class ApiConfigCheck
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        // The mode flag is no setting: left in, the command line would read "--check --urls X" as check = "--urls".
        await using var app = ApiHost.Build([.. args.Where(a => a != "--check")]);
        var services = app.Services;
        var problems = ApiStartup.Collect(services, openDatabase: false).Select(p => $"{p.Message} (fix: {p.Fix})").ToList();
        var configuration = services.GetRequiredService<IConfiguration>();
        var development = services.GetRequiredService<IHostEnvironment>().IsDevelopment();
        var signingKey = configuration[$"{JwtOptions.Section}:SigningKey"];

        output.WriteLine("Elumenta API configuration check");
        output.WriteLine($"  environment   {services.GetRequiredService<IHostEnvironment>().EnvironmentName}");
        output.WriteLine($"  listen        {(configuration["urls"] is { Length: > 0 } urls ? urls : ApiHost.DefaultUrl)}");
        output.WriteLine($"  signing key   {(Encoding.UTF8.GetByteCount(signingKey ?? "") >= 32 ? "present (not shown)" : development ? "none: Development makes one up at start (sessions end with the process)" : "missing: set Api__Jwt__SigningKey")}");
        output.WriteLine($"  telegram      {(string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]) ? "no bot token: Telegram Login Widget sign-ins cannot be checked (Telegram__BotToken)" : "bot token present (not shown): Login Widget sign-ins are checked with it")}");
        var serviceKeys = configuration.GetSection("Api:ServiceKeys").GetChildren().Count(k => !string.IsNullOrWhiteSpace(k.Value));
        output.WriteLine($"  service keys  {(serviceKeys == 0 ? "none: the support bot cannot read tickets (Api__ServiceKeys__0)" : $"{serviceKeys} configured")}");
        output.WriteLine($"  database      {await DatabaseAsync(services, problems)}");
        WriteModels(output, services);
        return DatabaseReport.Verdict(output, problems, "the API");
    }

    private static Task<string> DatabaseAsync(IServiceProvider services, List<string> problems) =>
        DatabaseReport.DescribeAsync(services.GetRequiredService<IOptions<StorageOptions>>().Value, problems);

    private static void WriteModels(TextWriter output, IServiceProvider services)
    {
        ModelCatalog catalog;
        try
        {
            catalog = services.GetRequiredService<ModelCatalog>();
        }
        catch (OptionsValidationException)
        {
            output.WriteLine("  models        not checked: the catalog is invalid (see the problems below)");
            return;
        }

        var router = services.GetRequiredService<ModelRouter>();
        var providers = services.GetRequiredService<IOptionsMonitor<ProviderOptions>>();
        var live = catalog.Models.Where(router.IsAvailable).ToList();
        var simulated = Enum.GetValues<ProviderName>().Where(router.IsSimulated).ToList();
        var keyed = Enum.GetValues<ProviderName>().Where(p => !router.IsSimulated(p) && providers.Get(p.ToString()).HasKey).ToList();
        output.WriteLine($"  models        {live.Count} of {catalog.Models.Count} live; simulated: {Names(simulated)}; with a key: {Names(keyed)}");
        var down = catalog.Models.Where(m => !router.IsAvailable(m)).GroupBy(m => m.Provider).ToList();
        down.ForEach(g => output.WriteLine($"                unavailable: {string.Join(", ", g.Select(m => m.Slug))} (Providers__{g.Key}__ApiKey)"));
    }

    private static string Names(List<ProviderName> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
