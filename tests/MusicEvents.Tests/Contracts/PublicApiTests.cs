using MusicEvents.Contracts;
using PublicApiGenerator;

namespace MusicEvents.Tests.Contracts;

/// <summary>
/// The contracts' public API is approved in contracts/PublicApi.approved.txt: any change to a
/// message, accidental or not, fails here until it is approved with its version bump (docs/contracts.md).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_contracts_public_API_is_the_approved_one()
    {
        var approvedPath = RepositoryFile.Path("contracts", "PublicApi.approved.txt");
        var actual = ContractsApi.Generate();

        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings();
        if (actual != approved)
        {
            var receivedPath = approvedPath.Replace(".approved.txt", ".received.txt", StringComparison.Ordinal);
            File.WriteAllText(receivedPath, actual);
            Assert.Fail(
                $"The public API of MusicEvents.Contracts changed. If that is intended, follow docs/contracts.md " +
                $"(compatible or breaking, and the version to give it), then copy {receivedPath} over {approvedPath}.\n" +
                ContractsApi.FirstDifference(approved, actual));
        }
    }

    [Fact]
    public void A_renamed_field_is_a_difference_the_check_reports()
    {
        var approved = ContractsApi.Generate();
        var changed = approved.Replace("string Sha256", "string Sha256Hex", StringComparison.Ordinal);

        Assert.NotEqual(approved, changed);
        Assert.Contains("Sha256Hex", ContractsApi.FirstDifference(approved, changed));
    }

    [Fact]
    public void The_approved_API_has_every_message_MusicEvents_documents()
    {
        var api = ContractsApi.Generate();

        foreach (var type in new[] { typeof(ExtendTrackCommand), typeof(ReplaceSectionCommand), typeof(TrackSubmitted), typeof(TrackCompleted), typeof(TrackFailed), typeof(TrackStored) })
        {
            Assert.Contains($"public sealed class {type.Name} : System.IEquatable<MusicEvents.Contracts.{type.Name}>", api);
        }
    }
}
