using System.Globalization;
using Microsoft.Extensions.Hosting;
using ElumentaBot.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
    .CreateLogger();

try
{
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
