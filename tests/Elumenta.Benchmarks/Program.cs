using Elumenta.Benchmarks.Admission;

// Benchmarks print figures; they never assert. Each subcommand is one harness.
var command = args.FirstOrDefault() ?? "help";
switch (command)
{
    case "admission":
        return await AdmissionBenchmark.RunAsync(args[1..]);
    case "transport":
        return await Elumenta.Benchmarks.Transport.TransportHarness.RunAsync(args);
    case "api":
        return await Elumenta.Benchmarks.Api.ApiLoadHarness.RunAsync(args[1..]);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/Elumenta.Benchmarks -- <admission|transport|api> [options]");
        return 0;
}
