namespace Elumenta.Tests.Shared;

/// <summary>Where initdb and pg_ctl are, and which user runs them when this process is root.</summary>
internal static class PostgresBinaries
{
    public static (string? BinDir, string? RunAs, string? Reason) Find()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return (null, null, "the throwaway cluster runs on Linux or macOS only");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : -1)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        var binDir = onPath.Concat(installed)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (binDir is null)
        {
            return (null, null, "initdb and pg_ctl were found neither on PATH nor under /usr/lib/postgresql/*/bin (apt-get install postgresql)");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return (binDir, null, null);
        }

        // initdb refuses to run as root; the cluster runs as an existing unprivileged user instead.
        var users = File.Exists("/etc/passwd") ? File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')[0]).ToHashSet() : [];
        var runAs = new[] { "postgres", "nobody" }.FirstOrDefault(users.Contains);
        return runAs is null
            ? (binDir, null, "running as root, and neither a 'postgres' nor a 'nobody' user exists to run initdb as")
            : !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser") && !File.Exists("/usr/bin/runuser")
                ? (binDir, null, "running as root without runuser to start initdb as an unprivileged user")
                : (binDir, runAs, null);
    }
}
