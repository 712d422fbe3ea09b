using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Elumenta.Api.Auth;

/// <summary>
/// <c>Api:ForwardedProxies</c>: the reverse proxies whose <c>X-Forwarded-For</c> is believed (IP addresses, or
/// networks as CIDR). Nothing else is trusted, not even loopback (the framework's default): otherwise any client
/// could pick its own address and escape the per-address limits.
/// </summary>
public static class ForwardedProxies
{
    public const string Key = "Api:ForwardedProxies";

    public static IServiceCollection AddForwardedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Parse(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            // Walk X-Forwarded-For from the right while each hop is a listed proxy; the first other address is the client.
            o.ForwardLimit = null;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>Entries from a list (<c>Api:ForwardedProxies:0</c>, …) or one comma-separated value; a wrong one stops the start.</summary>
    internal static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Parse(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var entries = (section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? ""))
            .Select(e => e.Trim()).Where(e => e.Length > 0);
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Key} has \"{entry}\", which is neither an IP address nor a CIDR network.");
            }
        }

        return (proxies, networks);
    }
}
