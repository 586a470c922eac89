namespace MusicEvents.Core.Archive;

/// <summary>What <see cref="BlockStager"/> staged: the blocks in order, the byte count and its SHA-256.</summary>
internal sealed record StagedAudio(IReadOnlyList<string> BlockIds, long Size, string Sha256);
