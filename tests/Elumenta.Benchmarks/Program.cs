// Benchmarks print figures; they never assert. Each subcommand is one harness.
var command = args.FirstOrDefault() ?? "help";
switch (command)
{
    case "transport":
        return await Elumenta.Benchmarks.Transport.TransportHarness.RunAsync(args);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/Elumenta.Benchmarks -- <admission|transport>");
        return 0;
}
