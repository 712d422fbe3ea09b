using Microsoft.Extensions.Configuration;

namespace Elumenta.Core.Hosting;

public static class ElumentaConfiguration
{
    /// <summary>
    /// <c>config/appsettings.json</c>, <c>config/catalog.json</c>, then environment variables (<c>__</c> separator),
    /// then the command line: secrets come from the environment only.
    /// </summary>
    public static IConfigurationBuilder AddElumentaSources(this IConfigurationBuilder builder, string[]? args = null, string? configDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dir = configDirectory ?? FindConfigDirectory();
        builder.AddJsonFile(Path.Combine(dir, "appsettings.json"), optional: false, reloadOnChange: false);
        builder.AddJsonFile(Path.Combine(dir, "catalog.json"), optional: false, reloadOnChange: false);
        builder.AddJsonFile(Path.Combine(dir, "terms.json"), optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        if (args is not null)
        {
            builder.AddCommandLine(args);
        }

        return builder;
    }

    /// <summary>The copy next to the binaries first (what a container runs), then the repository's.</summary>
    public static string FindConfigDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "config");
                if (File.Exists(Path.Combine(candidate, "catalog.json")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("No config/catalog.json was found next to the app or above the working directory.");
    }
}
