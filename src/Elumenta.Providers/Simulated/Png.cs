using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Elumenta.Providers.Simulated;

/// <summary>A minimal PNG encoder (8-bit RGB, no filtering): the simulator's pictures and the inpaint mask.</summary>
public static class Png
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>A diagonal gradient whose colours follow <paramref name="seed"/>.</summary>
    public static byte[] Gradient(int width, int height, uint seed)
    {
        var (r0, g0, b0) = ((byte)seed, (byte)(seed >> 8), (byte)(seed >> 16));
        var raw = new byte[height * ((width * 3) + 1)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0;
            for (var x = 0; x < width; x++)
            {
                raw[i++] = (byte)(r0 + (x * 255 / Math.Max(1, width - 1)));
                raw[i++] = (byte)(g0 + (y * 255 / Math.Max(1, height - 1)));
                raw[i++] = (byte)(b0 + ((x + y) * 127 / Math.Max(1, width + height - 2)));
            }
        }

        return Encode(width, height, raw);
    }

    /// <summary>One colour everywhere (an inpaint mask is all white).</summary>
    public static byte[] Solid(int width, int height, byte r, byte g, byte b)
    {
        var stride = (width * 3) + 1;
        var raw = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * stride) + 1 + (x * 3);
                (raw[i], raw[i + 1], raw[i + 2]) = (r, g, b);
            }
        }

        return Encode(width, height, raw);
    }

    private static byte[] Encode(int width, int height, byte[] raw)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: truecolour
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typeBytes, data));
        output.Write(word);
    }

    internal static uint Crc(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
