using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MusicEvents.Sandbox;

/// <summary>
/// A mono 16-bit PCM WAV holding a sine tone, addressable by byte offset so that it can be streamed
/// or hashed in chunks without ever existing whole in memory. The tone's pitch comes from the task
/// id, so the same task always yields the same bytes and different tasks differ.
/// </summary>
public sealed class ToneWav
{
    public const int HeaderSize = 44;
    private const double Amplitude = 0.3;

    private readonly byte[] header;

    // One second of samples: with a whole-number frequency the tone repeats exactly every second.
    private readonly byte[] oneSecond;

    public ToneWav(int sampleRate, long sampleCount, int frequencyHz)
    {
        SampleRate = sampleRate;
        SampleCount = sampleCount;
        FrequencyHz = frequencyHz;
        header = BuildHeader(sampleRate, sampleCount * 2);
        oneSecond = new byte[sampleRate * 2];
        for (var n = 0; n < sampleRate; n++)
        {
            var value = Math.Sin(2 * Math.PI * frequencyHz * n / sampleRate) * Amplitude * short.MaxValue;
            BinaryPrimitives.WriteInt16LittleEndian(oneSecond.AsSpan(n * 2), (short)Math.Round(value));
        }
    }

    public int SampleRate { get; }
    public long SampleCount { get; }
    public int FrequencyHz { get; }
    public long Length => HeaderSize + (SampleCount * 2);

    public static long SamplesForSeconds(double seconds, int sampleRate) =>
        Math.Max(1, (long)Math.Round(seconds * sampleRate));

    /// <summary>Samples making the whole file exactly <paramref name="mebibytes"/> MiB.</summary>
    public static long SamplesForMebibytes(int mebibytes) => ((mebibytes * 1_048_576L) - HeaderSize) / 2;

    public static int FrequencyFor(string taskId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(taskId));
        return 220 + (BinaryPrimitives.ReadUInt16LittleEndian(hash) % 441);
    }

    /// <summary>The task's pitch for its first clip, 110 Hz higher for each further one: no two clips share bytes.</summary>
    public static int FrequencyFor(string taskId, int clipIndex) => FrequencyFor(taskId) + (clipIndex * 110);

    /// <summary>Fills <paramref name="destination"/> with the file's bytes from <paramref name="offset"/>; returns how many.</summary>
    public int Read(long offset, Span<byte> destination)
    {
        var count = (int)Math.Clamp(Length - offset, 0, destination.Length);
        var written = 0;
        while (written < count)
        {
            var position = offset + written;
            var source = position < HeaderSize
                ? header.AsSpan((int)position)
                : oneSecond.AsSpan((int)((position - HeaderSize) % oneSecond.Length));
            var take = Math.Min(source.Length, count - written);
            source[..take].CopyTo(destination[written..]);
            written += take;
        }

        return count;
    }

    public string Sha256Hex()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (long offset = 0; offset < Length;)
        {
            var read = Read(offset, buffer);
            hash.AppendData(buffer, 0, read);
            offset += read;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] BuildHeader(int sampleRate, long dataBytes)
    {
        var h = new byte[HeaderSize];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(h, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), checked((uint)(36 + dataBytes)));
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(h, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(28), (uint)sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(h, 36);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), checked((uint)dataBytes));
        return h;
    }
}
