using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Tracking;

/// <summary>The rules behind the table's cells, with the values their events carry.</summary>
public sealed class TrackTaskRuleTests
{
    [Fact]
    public void A_report_taken_before_gives_the_same_event_again_with_its_first_time_and_nothing_to_save()
    {
        var completed = Tasks.Completed();

        var again = completed.Report(TrackInputs.Webhook("w-1"), Tasks.Success, Tasks.Later)!;

        Assert.False(again.MustSave);
        var completedEvent = Assert.IsType<TrackCompleted>(Assert.Single(again.Events));
        Assert.Equal((Tasks.CorrelationId, "t-1", Tasks.Start.AddSeconds(30)), (completedEvent.CorrelationId, completedEvent.TaskId, completedEvent.CompletedAt));
        Assert.Equal([Tasks.Clip], completedEvent.Clips);
    }

    [Fact]
    public void A_failure_report_taken_before_gives_the_same_TrackFailed_again()
    {
        var failed = Tasks.Row("Failed (MusicAPI)");

        var again = failed.Report(TrackInputs.Webhook("w-1"), Tasks.ProviderFailure, Tasks.Later)!;

        var failedEvent = Assert.IsType<TrackFailed>(Assert.Single(again.Events));
        Assert.Equal((TrackFailureReason.ProviderFailed, "moderation", (bool?)true), (failedEvent.Reason, failedEvent.Message, failedEvent.CreditsRefunded));
        Assert.False(again.MustSave);
    }

    [Theory]
    [InlineData(true, TrackFailureReason.SubmissionOutcomeUnknown)]
    [InlineData(false, TrackFailureReason.TimedOut)]
    public void Giving_up_on_an_accepted_task_is_SubmissionOutcomeUnknown_only_when_its_create_call_started(bool claimed, TrackFailureReason reason)
    {
        var task = claimed ? Tasks.Claimed() : Tasks.Accepted();

        var change = task.GiveUp(task.UpdatedAt, TimeSpan.FromHours(2), Tasks.Later)!;

        Assert.Equal(reason, Assert.IsType<TrackFailed>(Assert.Single(change.Events)).Reason);
    }

    [Fact]
    public void Giving_up_changes_nothing_when_the_record_moved_since_the_reconciler_saw_it()
    {
        var seen = Tasks.Accepted();
        var claimed = seen.Claim(Tasks.Start.AddMinutes(1))!.Task;

        Assert.Null(claimed.GiveUp(seen.UpdatedAt, TimeSpan.FromHours(2), Tasks.Later));
    }

    [Theory]
    [InlineData("Failed (gave up)")]
    [InlineData("SubmissionOutcomeUnknown")]
    public void A_success_after_giving_up_completes_the_task_so_the_paid_audio_is_kept(string row)
    {
        var gaveUp = row == "SubmissionOutcomeUnknown"
            ? Tasks.Claimed().GiveUp(Tasks.Claimed().UpdatedAt, TimeSpan.FromHours(2), Tasks.Start.AddHours(2))!.Task
            : Tasks.Row(row);

        var change = gaveUp.Report(TrackInputs.Webhook("w-late"), Tasks.Success, Tasks.Later)!;

        Assert.Equal(TrackTaskState.Completed, change.Task.State);
        Assert.Null(change.Task.Failure);
        Assert.Contains("paid audio is kept", change.Task.History[^1].Note, StringComparison.Ordinal);
        Assert.Equal(Tasks.Later, Assert.IsType<TrackCompleted>(Assert.Single(change.Events)).CompletedAt);
    }

    [Fact]
    public void Each_clip_is_announced_as_it_is_stored_and_the_last_one_moves_the_task_to_Stored()
    {
        var second = Tasks.Clip with { ClipId = "c-2" };
        var completed = Tasks.Submitted().Report(TrackInputs.Webhook("w-1"), Tasks.Success with { Clips = [Tasks.Clip, second] }, Tasks.Start)!.Task;

        var first = completed.Store(Tasks.StoredClip("c-1"), Tasks.Later)!;
        var last = first.Task.Store(Tasks.StoredClip("c-2"), Tasks.Later)!;

        Assert.Equal(TrackTaskState.Completed, first.Task.State);
        Assert.Equal("c-1", Assert.IsType<TrackStored>(Assert.Single(first.Events)).ClipId);
        Assert.Equal(TrackTaskState.Stored, last.Task.State);
        Assert.Equal("c-2", Assert.IsType<TrackStored>(Assert.Single(last.Events)).ClipId);
        Assert.All(last.Task.Clips, c => Assert.True(c.IsStored));
    }

    [Fact]
    public void A_clip_stored_before_is_announced_again_with_the_values_recorded_then()
    {
        var stored = Tasks.Row("Stored");

        var again = stored.Store(Tasks.StoredClip("c-1") with { Sha256 = "other", StoredAt = Tasks.Later }, Tasks.Later)!;

        Assert.Equal(Tasks.StoredClip("c-1"), Assert.IsType<TrackStored>(Assert.Single(again.Events)));
    }

    [Fact]
    public void A_clip_the_task_does_not_have_changes_nothing()
    {
        Assert.Null(Tasks.Completed().Store(Tasks.StoredClip("unknown"), Tasks.Later));
    }

    [Fact]
    public void A_success_report_without_audio_fails_the_task_as_ProviderFailed()
    {
        var change = Tasks.Submitted().Report(TrackInputs.Webhook("w-1"), Tasks.Success with { Clips = [] }, Tasks.Later)!;

        var failed = Assert.IsType<TrackFailed>(Assert.Single(change.Events));
        Assert.Equal((TrackFailureReason.ProviderFailed, "MusicAPI reported success without any audio."), (failed.Reason, failed.Message));
    }

    [Theory]
    [InlineData(ProviderTaskStatus.Pending)]
    [InlineData(ProviderTaskStatus.Running)]
    [InlineData(ProviderTaskStatus.Streaming)]
    public void A_report_that_is_not_final_changes_nothing(ProviderTaskStatus status)
    {
        Assert.Null(Tasks.Submitted().Report(TrackInputs.Webhook("w-1"), Tasks.Success with { Status = status }, Tasks.Later));
    }

    [Fact]
    public void The_MusicAPI_task_id_is_kept_when_a_report_overtook_the_create_calls_answer_but_nothing_is_announced()
    {
        var overtaken = Tasks.Row("Completed before the create call answered");

        var change = overtaken.Submit("t-9", Tasks.Later)!;

        Assert.Equal(("t-9", TrackTaskState.Completed), (change.Task.TaskId, change.Task.State));
        Assert.Empty(change.Events);
        Assert.True(change.MustSave);
    }

    [Fact]
    public void A_chain_of_inputs_collects_every_event_and_saves_once_if_any_input_changed_the_record()
    {
        var change = TrackTaskChange.None(Tasks.Completed())
            .Then(t => t.Store(Tasks.StoredClip("unknown"), Tasks.Later))
            .Then(t => t.Store(Tasks.StoredClip("c-1"), Tasks.Later));

        Assert.True(change.MustSave);
        Assert.Equal(TrackTaskState.Stored, change.Task.State);
        Assert.IsType<TrackStored>(Assert.Single(change.Events));
    }

    [Fact]
    public void A_not_charged_answer_gives_the_claim_back_so_the_task_can_be_claimed_and_sent_again()
    {
        var wait = new TrackWait(TrackWaitReason.RetryAfter, "sent again in 30 s", Tasks.Later, Tasks.Later.AddSeconds(30));

        var deferred = Tasks.Claimed().Defer("MusicAPI answered 429", wait, Tasks.Later)!.Task;

        Assert.Equal((TrackTaskState.Accepted, null, 1, wait), (deferred.State, deferred.SubmissionStartedAt, deferred.NotChargedAnswers, deferred.Waiting));
        Assert.Contains("429", deferred.History[^1].Note, StringComparison.Ordinal);
        var claimedAgain = deferred.Claim(Tasks.Later.AddSeconds(31))!;
        Assert.True(claimedAgain.MustSave);
        Assert.Null(claimedAgain.Task.Waiting);
    }

    [Fact]
    public void A_wait_already_recorded_with_the_same_reason_and_end_writes_nothing()
    {
        var wait = new TrackWait(TrackWaitReason.MaxInFlight, "5 in flight", Tasks.Start);
        var waiting = Tasks.Accepted().Wait(wait, Tasks.Start)!.Task;

        Assert.Null(waiting.Wait(wait with { Since = Tasks.Later }, Tasks.Later));
    }

    [Fact]
    public void A_waiting_task_is_not_given_up_on_since_its_command_is_held_on_its_queue()
    {
        var waiting = Tasks.Row("Accepted, waiting");

        Assert.Null(waiting.GiveUp(waiting.UpdatedAt, TimeSpan.FromHours(2), Tasks.Later));
        Assert.True(waiting.IsWaiting);
    }
}
