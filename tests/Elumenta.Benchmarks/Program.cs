using Elumenta.Benchmarks.Admission;

// Benchmarks print figures; they never assert. Each subcommand is one harness.
var command = args.FirstOrDefault() ?? "help";
switch (command)
{
    case "admission":
        return await AdmissionBenchmark.RunAsync(args[1..]);
    case "transport" when args.Contains("--webhook"):
        return await Elumenta.Benchmarks.Transport.WebhookHarness.RunAsync(args);
    case "transport":
        return await Elumenta.Benchmarks.Transport.TransportHarness.RunAsync(args);
    case Elumenta.Benchmarks.Transport.WebhookInstance.Subcommand:
        // Hidden: one bot instance of the webhook harness, started by it as a child process.
        return await Elumenta.Benchmarks.Transport.WebhookInstance.RunChildAsync(args);
    case Elumenta.Benchmarks.Admission.AdmissionInstance.Subcommand:
        // Hidden: one instance of the admission benchmark on PostgreSQL, started by it as a child process.
        return await Elumenta.Benchmarks.Admission.AdmissionInstance.RunChildAsync(args);
    case "api":
        return await Elumenta.Benchmarks.Api.ApiLoadHarness.RunAsync(args[1..]);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/Elumenta.Benchmarks -- <admission|transport|api> [options]\n  admission [--store postgres [--instances N | --pair R] [--pool P] [--in-process]] [--callers C] [--seconds S] [--accounts A] [--plan P]\n  transport [chats] [perChat] [--store postgres [--webhook (--instances 1|2 | --pair R) [--posters P] [--warmup C]]]");
        return 0;
}
