using ElumentaBot.Hosting;
using ElumentaBot.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ElumentaBot.Sandbox;

/// <summary>
/// <c>--sandbox</c>: the real bot pipeline (store, dispatch, handlers, billing) against the in-process Bot API
/// emulator and the simulated provider, driven from the terminal. No token, no network.
/// </summary>
public static class SandboxRunner
{
    public const string Token = "100000:SANDBOX-local-only";
    public const long UserId = 1001;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, bool piped, CancellationToken ct = default)
    {
        var language = ArgValue(args, "--lang") ?? "en";
        await using var server = await FakeBotApiServer.StartAsync(ct: ct);
        var bot = server.Bot(Token);
        var builder = BotHost.CreateBuilder(args, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:Pacing:Enabled"] = "false",
            ["Providers:Mode"] = "Simulated",
            ["ConnectionStrings:Elumenta"] = ArgValue(args, "--db") ?? "data/sandbox.db",
            ["Serilog:Using:1"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = "data/sandbox.log",
            ["Serilog:WriteTo:0:Args:outputTemplate"] = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
        }));
        using var host = builder.Build();
        await host.StartAsync(ct);
        bot.ContinueFrom(await host.Services.GetRequiredService<UpdateInbox>().LoadOffsetAsync(ct));
        var terminal = new SandboxTerminal(bot, output, language);
        output.WriteLine(terminal.Banner);
        try
        {
            await terminal.RunAsync(input, piped, ct);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        return 0;
    }

    private static string? ArgValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
