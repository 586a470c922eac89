namespace MusicEvents.Core.Tracking;

/// <summary>A task was written by someone else since it was read; the consumer's retry reads it again.</summary>
public sealed class TrackTaskConflictException : Exception
{
    public TrackTaskConflictException()
    {
    }

    public TrackTaskConflictException(string message)
        : base(message)
    {
    }

    public TrackTaskConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static TrackTaskConflictException For(Guid correlationId, Exception? inner = null) =>
        new($"Task {correlationId:D} was written by someone else since it was read.", inner!);
}
