// Benchmarks print figures; they never assert. Each subcommand is one harness.
var command = args.FirstOrDefault() ?? "help";
switch (command)
{
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/Elumenta.Benchmarks -- <admission|transport>");
        return 0;
}
