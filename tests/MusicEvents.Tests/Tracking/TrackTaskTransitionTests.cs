using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Tracking;

/// <summary>
/// One test per cell of the lifecycle's state × input table (docs/lifecycle.md). A cell reads
/// "–" (nothing), "State: Events" (a change to save), or "State again: Events" (an input taken
/// before: the same events, nothing to save).
/// </summary>
public sealed class TrackTaskTransitionTests
{
    public static TheoryData<string, string, string> Cells()
    {
        string[] inputs = ["Claim", "Submit", "Fail(submission)", "Complete(report)", "Fail(report)", "GiveUp", "Store(clip)", "Fail(storage)", "Wait", "Defer"];
        var table = new (string Row, string[] Cells)[]
        {
            ("Accepted", ["Accepted:", "–", "Failed: TrackFailed", "Completed: TrackCompleted", "Failed: TrackFailed", "Failed: TrackFailed", "–", "–", "Accepted:", "–"]),
            ("Accepted, claimed", ["–", "Submitted: TrackSubmitted", "Failed: TrackFailed", "Completed: TrackCompleted", "Failed: TrackFailed", "Failed: TrackFailed", "–", "–", "–", "Accepted:"]),
            ("Accepted, waiting", ["Accepted:", "–", "Failed: TrackFailed", "Completed: TrackCompleted", "Failed: TrackFailed", "–", "–", "–", "Accepted:", "–"]),
            ("Submitted", [Again("Submitted"), Again("Submitted"), Again("Submitted"), "Completed: TrackCompleted", "Failed: TrackFailed", "Failed: TrackFailed", "–", "–", Again("Submitted"), Again("Submitted")]),
            ("Completed", [Again("Completed"), Again("Completed"), Again("Completed"), "–", "–", "–", "Stored: TrackStored", "Failed: TrackFailed", Again("Completed"), Again("Completed")]),
            ("Completed before the create call answered", ["–", "Completed:", "–", "–", "–", "–", "Stored: TrackStored", "Failed: TrackFailed", "–", "–"]),
            ("Stored", [Again("Stored"), Again("Stored"), Again("Stored"), "–", "–", "–", "Stored again: TrackStored", "–", Again("Stored"), Again("Stored")]),
            ("Failed (gave up)", [Again("Failed"), Again("Failed"), Again("Failed"), "Completed: TrackCompleted", "–", "Failed again: TrackFailed", "–", "–", Again("Failed"), Again("Failed")]),
            ("Failed (MusicAPI)", [Again("Failed"), Again("Failed"), Again("Failed"), "–", "–", "–", "–", "–", Again("Failed"), Again("Failed")]),
            ("Failed (storage)", [Again("Failed"), Again("Failed"), Again("Failed"), "–", "–", "–", "Failed: TrackStored", "Failed again: TrackFailed", Again("Failed"), Again("Failed")]),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (row, cells) in table)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                data.Add(row, inputs[i], cells[i]);
            }
        }

        return data;

        // The command's outcome (Submitted) was recorded: every submission input gets its event again.
        static string Again(string state) => $"{state} again: TrackSubmitted";
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_input_in_each_state_does_what_the_table_says(string row, string input, string expected)
    {
        var change = Apply(input, Tasks.Row(row));

        Assert.Equal(expected, Describe(change));
    }

    private static TrackTaskChange? Apply(string input, TrackTask task) => input switch
    {
        "Claim" => task.Claim(Tasks.Later),
        "Submit" => task.Submit("t-1", Tasks.Later),
        "Fail(submission)" => task.Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, Tasks.Later),
        "Complete(report)" => task.Report(TrackInputs.Webhook("w-2"), Tasks.Success, Tasks.Later),
        "Fail(report)" => task.Report(TrackInputs.Webhook("w-2"), Tasks.ProviderFailure, Tasks.Later),
        "GiveUp" => task.GiveUp(task.UpdatedAt, TimeSpan.FromHours(2), Tasks.Later),
        "Store(clip)" => task.Store(Tasks.StoredClip("c-1"), Tasks.Later),
        "Fail(storage)" => task.Fail(new(TrackFailureReason.StorageFailed, "Clip c-1: refused"), TrackInputs.Storage, Tasks.Later),
        "Wait" => task.Wait(new(TrackWaitReason.RetryAfter, "MusicAPI asked to wait", Tasks.Later, Tasks.Later.AddSeconds(30)), Tasks.Later),
        "Defer" => task.Defer("MusicAPI answered 429", new(TrackWaitReason.RetryAfter, "sent again in 30 s", Tasks.Later, Tasks.Later.AddSeconds(30)), Tasks.Later),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
    };

    private static string Describe(TrackTaskChange? change) => change is null
        ? "–"
        : $"{change.Task.State}{(change.MustSave ? "" : " again")}:{string.Concat(change.Events.Select(e => " " + e.GetType().Name))}";
}
