using MusicEvents.Contracts;

namespace MusicEvents.Core.Archive;

/// <summary>Stores one clip's audio and tells where it is; the same clip again finds the stored blob.</summary>
public interface IClipArchiver
{
    /// <exception cref="AudioSourceRefusedException">The audio's source or answer broke a rule: trying again cannot help.</exception>
    Task<TrackStored> ArchiveAsync(Guid correlationId, string taskId, CompletedClip clip, CancellationToken cancellationToken);
}
