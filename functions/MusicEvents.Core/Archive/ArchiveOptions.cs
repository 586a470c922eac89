using System.ComponentModel.DataAnnotations;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Section "Archive": Archive__Container, Archive__AllowedHosts__0…, Archive__MaxBytes,
/// Archive__PrivateNetworkHosts__0… (Development only: the local sandbox lives on loopback),
/// Archive__Attempts, Archive__BlockBytes, Archive__BlocksInFlight, Archive__StallTimeout,
/// Archive__MinBytesPerSecond, Archive__TransferGrace.
/// </summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    /// <summary>The most buffer memory one clip may hold (the archive consumer runs a few clips at once).</summary>
    public const long MaxBufferBytesPerClip = 256L * 1024 * 1024;

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Archive:Container must be a valid blob container name.")]
    public string Container { get; set; } = "tracks";

    /// <summary>The only hosts audio is fetched from (MusicAPI's CDN; the sandbox in development).</summary>
    [Required, MinLength(1)]
    public string[] AllowedHosts { get; set; } = [];

    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Hosts (as written in the URL) that may resolve to loopback or private addresses: the local
    /// sandbox's "127.0.0.1", never anything in production. Every other host is checked on the
    /// addresses it resolves to, so "localhost" or a redirect to it stays refused even in development.
    /// </summary>
    public string[] PrivateNetworkHosts { get; set; } = [];

    [Range(1, 10)]
    public int Attempts { get; set; } = 3;

    [Range(64 * 1024, 100 * 1024 * 1024)]
    public int BlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Blocks of one clip staged at the same time while the next one is read: enough that the
    /// download never waits for an upload. A clip holds (BlocksInFlight + 1) × BlockBytes of buffers.
    /// </summary>
    [Range(1, 16)]
    public int BlocksInFlight { get; set; } = 4;

    /// <summary>
    /// The longest wait for the answer's headers or for the next bytes of its body: past it the
    /// download is abandoned and tried again, so a silent server cannot hold a consumer's slot.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Archive:StallTimeout must be between 1 ms and 1 h.")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The slowest average a body may keep after <see cref="TransferGrace"/> (64 KiB/s: a 10 MiB clip
    /// must be in within 3 min 10 s, 512 MiB within 2 h 17 min); slower, it is abandoned and tried again.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MinBytesPerSecond { get; set; } = 64 * 1024;

    /// <summary>Time a body has on top of its size ÷ <see cref="MinBytesPerSecond"/> (a slow start, a CDN warming up).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Archive:TransferGrace must be between 0 and 1 h.")]
    public TimeSpan TransferGrace { get; set; } = TimeSpan.FromSeconds(30);
}
