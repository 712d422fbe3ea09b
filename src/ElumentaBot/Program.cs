using System.Globalization;
using ElumentaBot.Hosting;
using ElumentaBot.Operator;
using ElumentaBot.Sandbox;
using Microsoft.Extensions.Hosting;
using Serilog;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(HelpText.Text);
    return 0;
}

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    if (args.Contains("--sandbox"))
    {
        return await SandboxRunner.RunAsync(args, Console.In, Console.Out, piped: Console.IsInputRedirected);
    }

    if (args.Contains("--check"))
    {
        return await ConfigCheck.RunAsync(args, Console.Out);
    }

    using var host = BotHost.CreateBuilder(args).Build();
    // Every configuration problem at once, each with its fix, before anything starts.
    if (StartupProblems.Collect(host.Services) is { Count: > 0 } problems)
    {
        StartupProblems.Print(Console.Error, problems);
        return 1;
    }

    try
    {
        await host.RunAsync();
    }
    catch (Exception ex) when (ex is not OperationCanceledException)
    {
        // The host has logged this failure with its stack trace already; once is enough.
        Log.Fatal("ElumentaBot stopped: {Error}", ex.Message);
        return 1;
    }

    return 0;
}
catch (Exception ex) when (StartupProblems.From(ex) is { Count: > 0 } problems)
{
    StartupProblems.Print(Console.Error, problems);
    return 1;
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
