using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Elumenta.Benchmarks.Api;

/// <summary>
/// Issue #12 "Speed": <c>GET /api/v2/balance</c> and <c>POST /api/v2/generate</c> (a 1-token text model on the
/// simulated provider, no delay) at fixed arrival rates, beside a trivial baseline through the same pipeline, so
/// the figure that matters is the latency each endpoint adds. Prints figures; asserts nothing.
/// </summary>
internal static class ApiLoadHarness
{
    private sealed record Endpoint(string Name, Func<HttpRequestMessage> Request, int Expected);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--reads"))
        {
            return await RequestReads.RunAsync(int.Parse(Arg(args, "--calls") ?? "20000", CultureInfo.InvariantCulture));
        }

        var rates = (Arg(args, "--rates") ?? "500,1000").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var seconds = double.Parse(Arg(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var warmup = double.Parse(Arg(args, "--warmup") ?? "2", CultureInfo.InvariantCulture);
        var model = Arg(args, "--model") ?? "gemini-2.5-flash";
        var tokens = (int)Math.Min(int.MaxValue, rates.Sum() * (seconds + warmup) * 2 + 10_000);
        await using var target = Arg(args, "--url") is { } url
            ? ApiTarget.External(new Uri(url), Arg(args, "--key") ?? throw new ArgumentException("--url needs --key nb_... of an Elite account"))
            : await ApiTarget.StartAsync(args.Contains("--in-process"), tokens, Arg(args, "--db-dir"),
                [.. args.Select((a, i) => (a, i)).Where(x => x.a == "--server-env" && x.i + 1 < args.Length).Select(x => args[x.i + 1])]);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 4096 })
        {
            BaseAddress = target.BaseAddress, Timeout = TimeSpan.FromSeconds(30),
        };
        var body = Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","prompt":"Say hi"}""");
        var endpoints = new List<Endpoint>
        {
            new("baseline (unknown route, 404)", () => new HttpRequestMessage(HttpMethod.Get, "/bench/baseline"), 404),
            new("GET /health", () => new HttpRequestMessage(HttpMethod.Get, "/health"), 200),
            new("GET /api/v2/balance", () => Authorized(HttpMethod.Get, "/api/v2/balance", target.Key), 200),
            new("POST /api/v2/generate", () =>
            {
                var request = Authorized(HttpMethod.Post, "/api/v2/generate", target.Key);
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                return request;
            }, 200),
        };

        if (Arg(args, "--only") is { } only)
        {
            // The baseline always runs: every other figure is read against it.
            endpoints = [endpoints[0], .. endpoints.Skip(1).Where(e => only.Split(',').Any(o => e.Name.Contains(o, StringComparison.OrdinalIgnoreCase)))];
        }

        Console.WriteLine("API load harness: open loop at fixed arrival rates; latency from each request's scheduled start (no coordinated omission)");
        Console.WriteLine($"  target     {target.Description}");
        Console.WriteLine($"  machine    {Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores, load average {LoadAverage()} (other work on the machine shows up as latency)");
        Console.WriteLine($"  schedule   rates {string.Join(", ", rates)}/s, {seconds.ToString(CultureInfo.InvariantCulture)} s measured after {warmup.ToString(CultureInfo.InvariantCulture)} s of warm-up at the same rate; Elite key, model {model}");
        var probed = await ProbeAsync(client, endpoints);
        if (probed.Count < 2 || probed[0] != endpoints[0])
        {
            Console.WriteLine("  nothing to measure: the baseline and at least one endpoint must answer as expected");
            return 1;
        }

        endpoints = probed;

        foreach (var endpoint in endpoints)
        {
            // First calls compile the code paths; no figure is taken from them.
            for (var i = 0; i < 300; i++)
            {
                using var response = await client.SendAsync(endpoint.Request());
            }
        }

        var runs = new List<LoadRun>();
        foreach (var rate in rates)
        {
            Console.WriteLine();
            Console.WriteLine($"{rate.ToString(CultureInfo.InvariantCulture)} requests/s");
            Console.WriteLine($"  {"endpoint",-30} {"sent",6} {"ok",6} {"other",6} {"req/s",7} {"p50",7} {"p99",7} {"p99.9",7} {"max",7} {"+p50",7} {"+p99",7} {"lag p99",8} {"cpu µs",9}");
            LoadRun? baseline = null;
            foreach (var endpoint in endpoints)
            {
                await OpenLoopClient.RunAsync(endpoint.Name, client, endpoint.Request, rate, TimeSpan.FromSeconds(warmup));
                var cpu = target.ServerCpu();
                var run = await OpenLoopClient.RunAsync(endpoint.Name, client, endpoint.Request, rate, TimeSpan.FromSeconds(seconds));
                var cpuPerRequest = target.ServerCpu() - cpu is { } used ? used.TotalMicroseconds / run.Sent : double.NaN;
                baseline ??= run;
                runs.Add(run);
                Console.WriteLine(Row(run, endpoint.Expected, baseline) + (double.IsNaN(cpuPerRequest) ? "         -" : string.Create(CultureInfo.InvariantCulture, $" {cpuPerRequest,9:0}")));
            }
        }

        Console.WriteLine();
        Console.WriteLine("  ms; +p50/+p99 = added over the baseline at the same rate; lag = how late the client itself sent (included in every latency);\n"
            + "  cpu µs = server CPU time per request (user + system, the process target only): what a busy machine does not distort");
        Goal(runs, "GET /api/v2/balance", 1000, 1.0);
        Goal(runs, "POST /api/v2/generate", 1000, 5.0);
        Console.WriteLine($"  load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>One request each: an endpoint this build does not have yet (404/405/501) is reported and left out.</summary>
    private static async Task<List<Endpoint>> ProbeAsync(HttpClient client, List<Endpoint> endpoints)
    {
        var available = new List<Endpoint>();
        foreach (var endpoint in endpoints)
        {
            using var response = await client.SendAsync(endpoint.Request());
            var status = (int)response.StatusCode;
            if (status == endpoint.Expected)
            {
                available.Add(endpoint);
                continue;
            }

            var text = await response.Content.ReadAsStringAsync();
            Console.WriteLine(status is 404 or 405 or 501
                ? $"  skipped    {endpoint.Name}: not in this build (answered {status.ToString(CultureInfo.InvariantCulture)} {text})"
                : $"  failed     {endpoint.Name}: answered {status.ToString(CultureInfo.InvariantCulture)} {text}; not measured");
        }

        return available;
    }

    private static string Row(LoadRun run, int expected, LoadRun baseline)
    {
        var ok = run.Statuses.GetValueOrDefault(expected);
        var added = !ReferenceEquals(run, baseline);
        return string.Create(CultureInfo.InvariantCulture,
            $"  {run.Name,-30} {run.Sent,6} {ok,6} {run.Sent - ok,6} {run.Achieved,7:0.0} {run.Percentile(0.50),7:0.00} {run.Percentile(0.99),7:0.00} {run.Percentile(0.999),7:0.00} {run.Latencies[^1],7:0.00} "
            + $"{(added ? $"{run.Percentile(0.50) - baseline.Percentile(0.50),7:0.00}" : "      -")} {(added ? $"{run.Percentile(0.99) - baseline.Percentile(0.99),7:0.00}" : "      -")} {LoadRun.Percentile(run.Lags, 0.99),8:0.00}");
    }

    private static void Goal(List<LoadRun> runs, string name, int rate, double goal)
    {
        var run = runs.FirstOrDefault(r => r.Name == name && r.Rate == rate);
        var baseline = runs.FirstOrDefault(r => r.Rate == rate);
        if (run is null || baseline is null)
        {
            Console.WriteLine($"  goal       {name} at {rate}/s: not measured");
            return;
        }

        var added = run.Percentile(0.99) - baseline.Percentile(0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  goal       {name} at {rate}/s: added p99 {added:0.00} ms, goal <= {goal:0.#} ms: {(added <= goal ? "met" : "NOT met")}"));
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
