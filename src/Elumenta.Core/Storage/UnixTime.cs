namespace Elumenta.Core.Storage;

/// <summary>Every timestamp in the store is Unix milliseconds (INTEGER): exact ordering and cheap window arithmetic.</summary>
public static class UnixTime
{
    public static long Ms(this DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? FromMs(long? ms) => ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);

    public static long NowMs(this TimeProvider clock) => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
