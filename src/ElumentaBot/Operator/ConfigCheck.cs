using Elumenta.Core.Hosting;
using System.Globalization;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using Elumenta.Providers;
using Elumenta.Providers.Configuration;
using ElumentaBot.Hosting;
using ElumentaBot.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Operator;

/// <summary>
/// <c>--check</c>: builds the host without starting it, validates everything the start would, and prints what
/// the bot would run with. Nothing is created or contacted: the database is opened read-only if it exists.
/// </summary>
public static class ConfigCheck
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var host = BotHost.CreateBuilder(args).Build();
        var services = host.Services;
        var problems = StartupProblems.Collect(services, openDatabase: false).Select(p => $"{p.Message} (fix: {p.Fix})").ToList();
        // Read unvalidated: the report shows what is configured even when it is wrong.
        var configuration = services.GetRequiredService<IConfiguration>();
        var telegram = configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        var pacing = configuration.GetSection(PacingOptions.Section).Get<PacingOptions>() ?? new PacingOptions();

        output.WriteLine("ElumentaBot configuration check");
        output.WriteLine($"  token         {(TransportServiceCollectionExtensions.IsToken(telegram.BotToken) ? "present (not shown)" : string.IsNullOrWhiteSpace(telegram.BotToken) ? "missing: set Telegram__BotToken" : "set but not shaped like a token (digits:secret)")}");
        output.WriteLine($"  Bot API       {Safe(() => telegram.ApiRoot.ToString())}");
        output.WriteLine($"  polling       {(!telegram.PollingEnabled ? "off" : telegram.IsWebhook ? $"webhook mode: Telegram posts to {Safe(() => new Uri(telegram.Webhook.Url).GetLeftPart(UriPartial.Path))}, secret {(telegram.Webhook.SecretToken.Length > 0 ? "set (not shown)" : "missing")}" : $"long polling, {telegram.PollTimeoutSeconds} s timeout, up to {telegram.MaxConcurrentUpdates} updates at once")}");
        output.WriteLine($"  database      {await DatabaseAsync(services, problems)}");
        if (Safe(() => services.GetRequiredService<ModelCatalog>()) is not null)
        {
            WriteProviders(output, services);
        }
        else
        {
            output.WriteLine("  models        not checked: the catalog is invalid (see the problems below)");
        }

        output.WriteLine($"  admins        {(telegram.AdminUserIds.Count == 0 ? "none: admin commands answer nobody (Telegram__AdminUserIds__0)" : $"{telegram.AdminUserIds.Count} configured")}");
        output.WriteLine($"  pacing        {Pacing(pacing)}");
        return DatabaseReport.Verdict(output, problems, "the bot");
    }

    private static Task<string> DatabaseAsync(IServiceProvider services, List<string> problems) =>
        DatabaseReport.DescribeAsync(services.GetRequiredService<IOptions<StorageOptions>>().Value, problems);

    private static void WriteProviders(TextWriter output, IServiceProvider services)
    {
        var catalog = services.GetRequiredService<ModelCatalog>();
        var router = services.GetRequiredService<ModelRouter>();
        var providers = services.GetRequiredService<IOptionsMonitor<ProviderOptions>>();
        var unavailable = new List<string>();
        foreach (var provider in Enum.GetValues<ProviderName>())
        {
            var models = catalog.Models.Where(m => m.Provider == provider).ToList();
            var state = router.IsSimulated(provider) ? "simulated" : providers.Get(provider.ToString()).HasKey ? "key set" : "no key";
            var down = models.Where(m => !router.IsAvailable(m)).ToList();
            output.WriteLine($"  {(provider == ProviderName.OpenAI ? "providers" : ""),-13} {provider,-11} {state,-9} {models.Count - down.Count} of {models.Count} models live");
            if (down.Count > 0)
            {
                unavailable.Add($"{string.Join(", ", down.Select(m => m.Slug))} ({(state == "no key" ? $"no {provider} key: Providers__{provider}__ApiKey" : "no adapter for its category")})");
            }
        }

        var live = catalog.Models.Count(router.IsAvailable);
        output.WriteLine($"  models        {live} of {catalog.Models.Count} live");
        unavailable.ForEach(u => output.WriteLine($"                unavailable: {u}"));
    }

    private static string Pacing(PacingOptions p) => !p.Enabled
        ? "off (only for benchmarks: Telegram answers floods with 429)"
        : string.Create(CultureInfo.InvariantCulture, $"private {p.PrivateBurst} at once then {p.PrivatePerSecond:0.##}/s, groups {p.GroupPerMinute}/min, all chats {p.GlobalLimit} per {p.GlobalWindowMs} ms");

    private static T? Safe<T>(Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is OptionsValidationException or UriFormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Safe(Func<string> read) => Safe<string>(read) ?? "invalid (see the problems below)";
}
