using System.Buffers.Binary;
using System.Text;

namespace Elumenta.Providers.Simulated;

/// <summary>Short PCM WAV tones and a tiny MP4 container for the simulator.</summary>
public static class SimulatedMedia
{
    public static byte[] Tone(double seconds, double frequency, int sampleRate = 8000)
    {
        var samples = (int)(seconds * sampleRate);
        var data = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * 8000);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), value);
        }

        using var output = new MemoryStream();
        using var w = new BinaryWriter(output, Encoding.ASCII);
        w.Write("RIFF"u8);
        w.Write(36 + data.Length);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);          // PCM
        w.Write((short)1);          // mono
        w.Write(sampleRate);
        w.Write(sampleRate * 2);    // byte rate
        w.Write((short)2);          // block align
        w.Write((short)16);         // bits per sample
        w.Write("data"u8);
        w.Write(data.Length);
        w.Write(data);
        w.Flush();
        return output.ToArray();
    }

    /// <summary>An <c>ftyp</c> + <c>mdat</c> MP4 shell: enough for type sniffing and upload tests, not for playback.</summary>
    public static byte[] Mp4(uint seed)
    {
        using var output = new MemoryStream();
        Box(output, "ftyp", [.. "isom"u8, 0, 0, 2, 0, .. "isomiso2mp41"u8]);
        var payload = new byte[64];
        new Random((int)seed).NextBytes(payload);
        Box(output, "mdat", payload);
        return output.ToArray();
    }

    private static void Box(Stream output, string type, byte[] body)
    {
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, body.Length + 8);
        output.Write(size);
        output.Write(Encoding.ASCII.GetBytes(type));
        output.Write(body);
    }
}
