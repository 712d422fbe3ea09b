using System.Collections.Concurrent;
using System.Reflection;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>
/// Files sent as uploads. Telegram.Bot disposes an upload's stream with the request, so a resend (after a 429
/// or a group migration) would find it closed: uploads made here survive disposal and are rewound before a resend.
/// </summary>
public static class Uploads
{
    public static InputFileStream FromBytes(byte[] bytes, string fileName) =>
        InputFile.FromStream(new RewindableStream(bytes), fileName);

    internal static bool HasStream(IRequest request) => Streams(request).Any();

    internal static void Rewind(IRequest request)
    {
        foreach (var stream in Streams(request))
        {
            if (stream.CanSeek)
            {
                stream.Position = 0;
            }
        }
    }

    private static IEnumerable<Stream> Streams(IRequest request)
    {
        foreach (var property in FileProperties.GetOrAdd(request.GetType(), FindFileProperties))
        {
            if (property.GetValue(request) is InputFileStream { Content: { } content })
            {
                yield return content;
            }
        }
    }

    // Every send asks; the reflection runs once per request type.
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> FileProperties = new();

    private static PropertyInfo[] FindFileProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => typeof(InputFile).IsAssignableFrom(p.PropertyType)).ToArray();

    private sealed class RewindableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        protected override void Dispose(bool disposing)
        {
            // Kept open on purpose: the bytes are in memory and a resend needs them again.
            Position = 0;
        }
    }
}
