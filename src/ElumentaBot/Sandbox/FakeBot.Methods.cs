using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

public sealed partial class FakeBot
{
    private int _nextFileId;

    private static readonly JsonObject BotUser = new() { ["id"] = 7_000_000_001, ["is_bot"] = true, ["first_name"] = "Elumenta Sandbox", ["username"] = "elumenta_sandbox_bot" };

    /// <summary>Answers one call: a fault if one is queued, otherwise a realistic result. Body is a JsonObject or raw text.</summary>
    internal async Task<(int Status, object Body)> InvokeAsync(string method, JsonObject parameters, List<FakeUpload> files, CancellationToken ct)
    {
        FakeFault? fault;
        FakeCall call;
        lock (_sync)
        {
            fault = TakeFault(method) ?? RefundFault(method, parameters);
            var status = fault is { Delay: null } ? fault.Status : 200;
            call = new FakeCall(method, parameters, files, time.GetUtcNow(), status);
            _calls.Add(call);
        }

        if (fault?.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, time, ct);
            }
            catch (OperationCanceledException)
            {
                // The client gave up: nothing was delivered. 499 as nginx logs a request the client closed.
                lock (_sync)
                {
                    _calls[_calls.FindIndex(c => ReferenceEquals(c, call))] = call with { Status = 499 };
                }

                throw;
            }
        }
        else if (fault is not null)
        {
            return (fault.Status, fault.RawBody is { } raw ? raw : ErrorBody(fault));
        }

        if (method.ToLowerInvariant() is "editmessagetext" or "editmessagereplymarkup" && parameters["inline_message_id"] is not null)
        {
            return EditInline(method, parameters);
        }

        JsonNode? result = method.ToLowerInvariant() switch
        {
            "getupdates" => await GetUpdatesAsync(parameters, ct),
            "getme" => BotUser.DeepClone(),
            "getfile" => FileResult(parameters["file_id"]?.ToString() ?? ""),
            "createinvoicelink" => CreateInvoiceLink(parameters),
            "getstartransactions" => StarTransactions(parameters),
            "sendphoto" or "sendvideo" or "sendaudio" or "sendvoice" or "senddocument" => WithMedia(method, NewMessage(parameters, null), parameters),
            "sendmessage" or "sendinvoice" => NewMessage(parameters, null),
            "editmessagetext" or "editmessagereplymarkup" => NewMessage(parameters, (int?)Number(parameters["message_id"])),
            _ => true,
        };
        return (200, new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private async Task<JsonArray> GetUpdatesAsync(JsonObject parameters, CancellationToken ct)
    {
        var offset = (int?)Number(parameters["offset"]);
        var limit = (int)(Number(parameters["limit"]) ?? 100);
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(Number(parameters["timeout"]) ?? 0);
        while (true)
        {
            Task arrived;
            lock (_sync)
            {
                // An offset confirms (and forgets) every update below it.
                if (offset is { } o)
                {
                    _updates.RemoveAll(u => u["update_id"]!.GetValue<int>() < o);
                }

                var batch = _redeliveries.Concat(_updates.Select(u => (JsonObject)u.DeepClone())).Take(limit).ToList();
                if (batch.Count > 0 || time.GetUtcNow() >= deadline)
                {
                    _redeliveries.Clear();
                    var now = time.GetUtcNow();
                    batch.ForEach(u => _delivered.TryAdd(u["update_id"]!.GetValue<int>(), now));
                    return [.. batch];
                }

                arrived = _arrived.Task;
            }

            var left = deadline - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                await Task.WhenAny(arrived, Task.Delay(left, time, ct));
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    private JsonObject NewMessage(JsonObject parameters, int? messageId)
    {
        var chatId = Number(parameters["chat_id"]) ?? 0;
        var message = new JsonObject
        {
            ["message_id"] = messageId ?? Interlocked.Increment(ref _nextMessageId),
            ["from"] = BotUser.DeepClone(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
            ["date"] = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        foreach (var field in new[] { "text", "caption" })
        {
            if (parameters[field] is { } value)
            {
                message[field] = value.ToString();
            }
        }

        return message;
    }

    /// <summary>A sent file comes back with a file_id, as Telegram's does: the one given, or a new one for an upload or URL.</summary>
    private JsonObject WithMedia(string method, JsonObject message, JsonObject parameters)
    {
        var field = method[4..].ToLowerInvariant();
        var given = parameters[field]?.ToString() ?? "";
        var fileId = given.Length == 0 || given.StartsWith("attach://", StringComparison.Ordinal) || given.Contains("://", StringComparison.Ordinal)
            ? $"{field}-{Interlocked.Increment(ref _nextFileId)}"
            : given;
        var file = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId };
        message[field] = field == "photo" ? new JsonArray(file) : file;
        return message;
    }

    private JsonObject FileResult(string fileId)
    {
        lock (_sync)
        {
            var size = _files.TryGetValue(fileId, out var content) ? content.Length : 0;
            return new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = $"u{fileId}", ["file_size"] = size, ["file_path"] = $"files/{fileId}" };
        }
    }

    private static long? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when long.TryParse(v.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };
}
