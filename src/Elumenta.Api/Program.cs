using System.Globalization;
using Elumenta.Api.Hosting;
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
    await using var app = ApiHost.Build(args);
    await app.RunAsync();
    return 0;
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
