using System.Net;
using System.Net.Sockets;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Configuration;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Http;

/// <summary>
/// The trust boundary for every URL a provider or a user hands us: we fetch only https from a public address,
/// or anything on a provider's own configured base host (so loopback fakes and the sandbox keep working).
/// Local files, plain http elsewhere, loopback, private, link-local and metadata addresses are refused: a result
/// URL must never make us read the process environment or a host on our network and send it to a chat.
/// </summary>
public sealed class RemoteUrls(IOptionsMonitor<ProviderOptions> providers)
{
    /// <summary>Null when <paramref name="url"/> may be fetched, otherwise why not (safe to log and show support).</summary>
    public string? Refusal(string? url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) ? "not an absolute URL" : Refusal(uri);

    public string? Refusal(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return "not an absolute URL";
        }

        if (IsProviderHost(uri))
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"{uri.Scheme} URLs are not fetched";
        }

        return IsPublicHostName(uri) ? null : $"{uri.Host} is not a public address";
    }

    /// <summary>True for a host and port that a provider is configured to be reached at.</summary>
    public bool IsProviderHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return IsProviderEndpoint(uri.Host, uri.Port, uri.Scheme);
    }

    /// <summary>A host and port a provider is configured at (any scheme when <paramref name="scheme"/> is null).</summary>
    private bool IsProviderEndpoint(string host, int port, string? scheme) =>
        Enum.GetValues<ProviderName>().Any(provider =>
            Uri.TryCreate(providers.Get(provider.ToString()).BaseUrl, UriKind.Absolute, out var configured)
            && (scheme is null || configured.Scheme == scheme)
            && string.Equals(configured.Host, host, StringComparison.OrdinalIgnoreCase)
            && configured.Port == port);

    /// <summary>A name or literal that is not loopback, private, link-local or otherwise internal.</summary>
    public static bool IsPublicHostName(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) || IsPublic(address);
    }

    /// <summary>Globally routable unicast only.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) || b[0] >= 224);
    }

    /// <summary>
    /// For the HttpClient that fetches results: resolves the name and connects only to a public address (or to a
    /// provider's configured host), so a public name that resolves to an internal address is refused too.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        // The endpoint being connected to (after any redirect), not the URL first asked for.
        var provider = IsProviderEndpoint(endpoint.Host, endpoint.Port, scheme: null);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = addresses.Where(a => provider || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} resolves to no public address; not fetched.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
