using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Simulated;
using Elumenta.Providers.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Elumenta.Providers.Tests.Simulated;

public sealed class SimulatedProviderTests
{
    private static ModelRouter SimulatedRouter(out ServiceProvider sp)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddProviders(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Providers:Mode"] = "Simulated" }).Build());
        sp = services.BuildServiceProvider();
        return sp.GetRequiredService<ModelRouter>();
    }

    [Fact]
    public async Task Chat_is_a_deterministic_markdown_echo_streamed_in_pieces()
    {
        var router = SimulatedRouter(out var sp);
        using var _ = sp;
        var model = TestModels.Text("gpt-5", ProviderName.OpenAI, "gpt-5");
        var first = await Collect.AllAsync(router.StreamAsync(new ChatRequest(model, [ChatTurn.User("Tell me about foxes")]), default));
        var second = await Collect.AllAsync(router.StreamAsync(new ChatRequest(model, [ChatTurn.User("Tell me about foxes")]), default));

        Assert.True(first.Count > 3);
        Assert.Equal(Collect.Text(first), Collect.Text(second));
        Assert.Contains("**gpt-5**", Collect.Text(first), StringComparison.Ordinal);
        Assert.Contains("Tell me about foxes", Collect.Text(first), StringComparison.Ordinal);
        Assert.Equal("stop", first[^1].FinishReason);
        Assert.Equal("SimulatedProvider", router.Resolve(model).Adapter);
    }

    [Fact]
    public void Png_is_valid_with_correct_crcs_and_inflatable_pixels()
    {
        var png = Png.Gradient(16, 8, SimulatedProvider.Seed("fox"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var offset = 8;
        var chunks = new List<string>();
        byte[]? idat = null;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Png.Crc(Encoding.ASCII.GetBytes(type), data), crc);
            if (type == "IHDR")
            {
                Assert.Equal((16, 8), (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4))));
            }

            idat = type == "IDAT" ? data : idat;
            chunks.Add(type);
            offset += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks);
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(new MemoryStream(idat!), CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        Assert.Equal(8 * ((16 * 3) + 1), inflated.Length);
        Assert.NotEqual(png, Png.Gradient(16, 8, SimulatedProvider.Seed("owl")));
    }

    [Fact]
    public void Wav_and_mp4_have_valid_headers()
    {
        var wav = SimulatedMedia.Tone(0.5, 440);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        var mp4 = SimulatedMedia.Mp4(1);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(mp4, 4, 4));
    }

    [Fact]
    public async Task Async_models_go_through_a_job_and_sync_ones_answer_at_once()
    {
        var router = SimulatedRouter(out var sp);
        using var _ = sp;
        var video = TestModels.Make("luma-ray2", ModelCategory.Video, ProviderName.Luma, "ray-2", capabilities: [ModelCapabilities.Async]);
        var tts = TestModels.Make("openai-tts", ModelCategory.Tts, ProviderName.OpenAI, "tts-1");
        var ocr = TestModels.Make("text-ocr", ModelCategory.ImageTool, ProviderName.Replicate, "abiruyt/text-extract-ocr", capabilities: [ModelCapabilities.Async]);

        var pending = Assert.IsType<ProviderOutcome.Pending>(await router.GenerateAsync(new VideoRequest(video, "sea"), default));
        var snapshot = await router.Tracker(video).GetAsync(video, pending.ProviderJobId, default);
        Assert.Equal(("video/mp4", JobPhase.Succeeded), (snapshot.Result!.First!.MimeType, snapshot.Phase));

        var speech = Assert.IsType<ProviderOutcome.Done>(await router.SpeakAsync(new SpeechRequest(tts, "hi"), default));
        Assert.Equal("audio/wav", speech.Result.First!.MimeType);

        var ocrJob = Assert.IsType<ProviderOutcome.Pending>(await router.RunAsync(new ImageToolRequest(ocr, MediaInput.FromBytes([1], "image/png")), default));
        Assert.StartsWith("SIMULATED OCR", (await router.Tracker(ocr).GetAsync(ocr, ocrJob.ProviderJobId, default)).Result!.Text, StringComparison.Ordinal);
    }
}
