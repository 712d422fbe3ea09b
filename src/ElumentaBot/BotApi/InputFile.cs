using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElumentaBot.BotApi;

/// <summary>A file to send: a Telegram <c>file_id</c>, an HTTP URL, or bytes to upload.</summary>
[JsonConverter(typeof(InputFileConverter))]
public sealed class InputFile
{
    private InputFile(string? reference, ReadOnlyMemory<byte> content, string? fileName)
    {
        Reference = reference;
        Content = content;
        FileName = fileName;
    }

    /// <summary>A file_id or URL; null for uploads.</summary>
    public string? Reference { get; }

    public ReadOnlyMemory<byte> Content { get; }

    public string? FileName { get; }

    public bool IsUpload => Reference is null;

    /// <summary>The multipart part name, assigned by the client just before a request is encoded.</summary>
    internal string? AttachName { get; set; }

    public static InputFile FromFileId(string fileId) => new(fileId, default, null);

    public static InputFile FromUrl(Uri url) => new(url?.ToString(), default, null);

    // Uploads are buffered so that a request can be re-sent after a 429 or a migration.
    public static InputFile FromBytes(ReadOnlyMemory<byte> content, string fileName) => new(null, content, fileName);

    public static async Task<InputFile> FromStreamAsync(Stream stream, string fileName, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return new InputFile(null, buffer.ToArray(), fileName);
    }
}

internal sealed class InputFileConverter : JsonConverter<InputFile>
{
    public override InputFile Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        InputFile.FromFileId(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, InputFile value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Reference ?? $"attach://{value.AttachName}");
}
