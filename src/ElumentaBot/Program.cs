using System.Globalization;
using ElumentaBot.Hosting;
using ElumentaBot.Sandbox;
using Microsoft.Extensions.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    if (args.Contains("--sandbox"))
    {
        return await SandboxRunner.RunAsync(args, Console.In, Console.Out, piped: Console.IsInputRedirected);
    }

    var builder = BotHost.CreateBuilder(args);
    using var host = builder.Build();
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Log.Fatal(ex, "ElumentaBot stopped because of an unrecoverable error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
