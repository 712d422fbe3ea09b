namespace Elumenta.Benchmarks;

/// <summary>
/// One instance against two, R rounds in ABBA order: odd rounds measure one instance first, even rounds two, so a
/// drift of the machine's speed over the run (this VM's host varies by tens of percent within minutes) favours
/// neither arm. Prints each round's ratio as it ends and, at the end, their median.
/// </summary>
internal static class PairRounds
{
    public static async Task<List<(T One, T Two)>> RunAsync<T>(int rounds, Func<int, Task<T>> measure, Action<T> print, Func<T, double> perSecond)
    {
        var results = new List<(T One, T Two)>();
        for (var round = 1; round <= rounds; round++)
        {
            var oneFirst = round % 2 == 1;
            var first = await measure(oneFirst ? 1 : 2);
            print(first);
            var second = await measure(oneFirst ? 2 : 1);
            print(second);
            var (one, two) = oneFirst ? (first, second) : (second, first);
            results.Add((one, two));
            Console.WriteLine($"round {round}: one {perSecond(one):0}/s, two {perSecond(two):0}/s, two/one {perSecond(two) / perSecond(one):0.00}");
        }

        return results;
    }

    public static void PrintMedian<T>(List<(T One, T Two)> rounds, Func<T, double> perSecond)
    {
        var ratios = rounds.Select(r => perSecond(r.Two) / perSecond(r.One)).Order().ToArray();
        Console.WriteLine($"two / one: median {(ratios[(ratios.Length - 1) / 2] + ratios[ratios.Length / 2]) / 2:0.00}, range {ratios[0]:0.00}–{ratios[^1]:0.00}");
    }
}
