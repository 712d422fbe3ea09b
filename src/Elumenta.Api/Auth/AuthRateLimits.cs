using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Elumenta.Api.Errors;

namespace Elumenta.Api.Auth;

/// <summary>
/// Per-client-address limits on the auth endpoints (api.md §1), with ASP.NET Core's rate limiting middleware. The
/// address is the connection's, or the one a configured proxy forwarded (<see cref="ForwardedProxies"/>).
/// </summary>
public static class AuthRateLimits
{
    public const string Login = "auth-login";
    public const string Register = "auth-register";
    public const string ForgotPassword = "auth-forgot-password";
    public const string Telegram = "auth-telegram";
    public const string Refresh = "auth-refresh";
    public const string VerifyEmail = "auth-verify-email";
    public const string ResetPassword = "auth-reset-password";

    public static IServiceCollection AddAuthRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Login, http => PerClient(http, 10, TimeSpan.FromMinutes(1)));
            o.AddPolicy(Register, http => PerClient(http, 10, TimeSpan.FromMinutes(1)));
            o.AddPolicy(ForgotPassword, http => PerClient(http, 3, TimeSpan.FromHours(1)));
            foreach (var policy in new[] { Telegram, Refresh, VerifyEmail, ResetPassword })
            {
                o.AddPolicy(policy, http => PerClient(http, 30, TimeSpan.FromMinutes(1)));
            }

            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ErrorHandling.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    new ApiErrorBody(ErrorCodes.TooManyRequests, $"Too many attempts from this address; try again in {seconds} seconds.")));
            };
        });

    /// <summary>The partition of a client: its IPv4 address, or its IPv6 /64 (one host can own a whole /64).</summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, int permits, TimeSpan window)
    {
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(ClientKey(http.Connection.RemoteIpAddress), _ => new ClockWindowLimiter(permits, window, clock));
    }
}
