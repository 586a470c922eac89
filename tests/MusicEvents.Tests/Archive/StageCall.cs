using Azure.Storage;

namespace MusicEvents.Tests.Archive;

/// <summary>One StageBlockAsync as <see cref="StagingTarget"/> saw it; a held one ends when the test says.</summary>
internal sealed record StageCall(string Id, byte[] Bytes, StorageChecksumAlgorithm? Checksum, CancellationToken Token)
{
    public TaskCompletionSource Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Finish() => Outcome.SetResult();

    public void Fail(Exception exception) => Outcome.SetException(exception);
}
