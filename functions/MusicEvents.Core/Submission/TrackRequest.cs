using System.Security.Cryptography;
using System.Text.Json;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Core.Submission;

/// <summary>Either command, seen the way submission needs it: its key, its kind, its fingerprint
/// and the create body it turns into.</summary>
public sealed record TrackRequest(Guid CorrelationId, TrackOperation Operation, string Fingerprint, CreateTaskRequest Body)
{
    public static TrackRequest From(ExtendTrackCommand command) => new(
        command.CorrelationId,
        TrackOperation.Extend,
        FingerprintOf(command),
        new CreateTaskRequest
        {
            TaskType = "extend_music",
            ClipId = command.ClipId,
            StartsAt = command.StartsAt,
            Length = command.Length,
            Instruction = command.Instruction,
            Lyrics = command.Lyrics,
            Sound = command.Sound,
        });

    public static TrackRequest From(ReplaceSectionCommand command) => new(
        command.CorrelationId,
        TrackOperation.ReplaceSection,
        FingerprintOf(command),
        new CreateTaskRequest
        {
            TaskType = "replace_music",
            ClipId = command.ClipId,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            Instruction = command.Instruction,
            Lyrics = command.Lyrics,
        });

    private static string FingerprintOf<T>(T command) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command)));
}
