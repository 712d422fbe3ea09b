using System.Runtime.CompilerServices;
using System.Text;

namespace Elumenta.Providers.Http;

public readonly record struct SseEvent(string? Event, string Data);

/// <summary>
/// Server-sent events as the providers send them: <c>\n</c> or <c>\r\n</c> line ends, <c>:</c> comment
/// keep-alives ignored, multi-line <c>data</c> joined with <c>\n</c>, a final event without a blank line kept.
/// </summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? eventName = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new SseEvent(eventName, data.ToString());
                }

                eventName = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    eventName = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
            }
        }

        if (hasData)
        {
            yield return new SseEvent(eventName, data.ToString());
        }
    }
}
