using System.Globalization;
using Elumenta.Api.Hosting;
using Elumenta.Api.Operator;
using Serilog;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ApiHelpText.Text);
    return 0;
}

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    if (args.Contains("--check"))
    {
        return await ApiConfigCheck.RunAsync(args, Console.Out);
    }

    await using var app = ApiHost.Build(args);
    // Every configuration problem at once, each with its fix, before anything listens or migrates.
    if (ApiStartup.Collect(app.Services) is { Count: > 0 } problems)
    {
        ApiStartup.Print(Console.Error, problems);
        return 1;
    }

    try
    {
        await app.RunAsync();
    }
    catch (Exception ex) when (ApiStartup.From(ex) is { Count: > 0 } listen)
    {
        ApiStartup.Print(Console.Error, listen);
        return 1;
    }
    catch (Exception ex) when (ex is not OperationCanceledException)
    {
        // The host has logged this failure with its stack trace already; once is enough.
        Log.Fatal("Elumenta API stopped: {Error}", ex.Message);
        return 1;
    }

    return 0;
}
catch (Exception ex) when (ApiStartup.From(ex) is { Count: > 0 } problems)
{
    ApiStartup.Print(Console.Error, problems);
    return 1;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Log.Fatal(ex, "Elumenta API stopped because of an unrecoverable error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
