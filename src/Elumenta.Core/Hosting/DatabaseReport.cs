using Elumenta.Core.Storage;

namespace Elumenta.Core.Hosting;

/// <summary>The database line of both programs' <c>--check</c>: read-only, and a problem for each thing that stops a start.</summary>
public static class DatabaseReport
{
    public static async Task<string> DescribeAsync(StorageOptions options, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            var status = await MigrationRunner.StatusAsync(options);
            if (status.Edited.Count > 0)
            {
                problems.Add($"Migrations edited after they were applied: {string.Join(", ", status.Edited)} (fix: restore them and add a new migration instead)");
            }

            return !status.DatabaseExists
                ? $"{status.DatabasePath}: will be created with {status.Files} migrations"
                : status.Pending.Count == 0
                    ? $"{status.DatabasePath}: {status.Applied} of {status.Files} migrations applied, up to date"
                    : $"{status.DatabasePath}: {status.Applied} applied, {status.Pending.Count} to apply at start ({string.Join(", ", status.Pending)})";
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Data.Common.DbException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            problems.Add($"Database: {ex.Message}");
            return $"not readable: {ex.Message}";
        }
    }

    /// <summary>The verdict that ends a <c>--check</c>: ready (exit 0) or every problem (exit 1).</summary>
    public static int Verdict(TextWriter output, IReadOnlyList<string> problems, string program)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(problems);
        output.WriteLine();
        if (problems.Count == 0)
        {
            output.WriteLine($"Ready: {program} can start.");
            return 0;
        }

        output.WriteLine(problems.Count == 1 ? "Not ready, 1 problem:" : $"Not ready, {problems.Count} problems:");
        foreach (var problem in problems)
        {
            output.WriteLine($"  - {problem}");
        }

        return 1;
    }
}
