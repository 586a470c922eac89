using System.Text.Json;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.MusicApi;

public sealed class ProviderTaskReaderPollTests
{
    [Fact]
    public void Success_status_carries_the_clips()
    {
        const string body = """
            {"code":200,"status":"SUCCESS","message":"success","data":[
              {"clip_id":"c1","state":"succeeded","audio_url":"https://cdn.musicapi.ai/c1.m4a","duration":"61.2"}
            ]}
            """;

        var report = Read(body);

        Assert.Equal(ProviderTaskStatus.Succeeded, report.Status);
        var clip = Assert.Single(report.Clips);
        Assert.Equal("c1", clip.ClipId);
        Assert.Equal(61.2, clip.DurationSeconds);
    }

    [Theory]
    [InlineData("PENDING", ProviderTaskStatus.Pending)]
    [InlineData("RUNNING", ProviderTaskStatus.Running)]
    public void Unfinished_status_is_not_final(string status, ProviderTaskStatus expected)
    {
        var report = Read($$"""{"code":200,"status":"{{status}}","message":"success","data":[]}""");

        Assert.Equal(expected, report.Status);
        Assert.False(report.IsFinal);
        Assert.Empty(report.Clips);
    }

    [Fact]
    public void Failed_status_is_failed_with_its_message()
    {
        var report = Read("""{"code":200,"status":"FAILED","message":"Lyrics rejected by moderation","data":[]}""");

        Assert.Equal(ProviderTaskStatus.Failed, report.Status);
        Assert.Equal("Lyrics rejected by moderation", report.Message);
    }

    [Fact]
    public void Older_shape_with_every_clip_succeeded_is_succeeded()
    {
        var report = Read(OlderShape("succeeded", "succeeded"));

        Assert.Equal(ProviderTaskStatus.Succeeded, report.Status);
        Assert.Equal(new[] { "c0", "c1" }, report.Clips.Select(c => c.ClipId));
    }

    [Theory]
    [InlineData("pending", "pending", ProviderTaskStatus.Pending)]
    [InlineData("running", "pending", ProviderTaskStatus.Running)]
    [InlineData("running", "running", ProviderTaskStatus.Running)]
    public void Older_shape_with_no_clip_done_is_not_final(string first, string second, ProviderTaskStatus expected)
    {
        var report = Read(OlderShape(first, second));

        Assert.Equal(expected, report.Status);
        Assert.False(report.IsFinal);
    }

    [Theory]
    [InlineData("succeeded", "running")]
    [InlineData("pending", "succeeded")]
    public void Older_shape_with_one_clip_still_unfinished_is_not_final(string first, string second)
    {
        // musicapi.md: the task is done when every clip is; a half-done task must not publish TrackCompleted.
        var report = Read(OlderShape(first, second));

        Assert.False(report.IsFinal, $"clip states {first}/{second} were read as {report.Status}");
    }

    [Fact]
    public void Older_shape_with_a_failed_clip_is_failed()
    {
        Assert.Equal(ProviderTaskStatus.Failed, Read(OlderShape("succeeded", "failed")).Status);
    }

    [Fact]
    public void Older_processing_answer_without_data_is_not_final()
    {
        var report = Read("""{"code":202,"type":"not_ready","error":"Task is still processing"}""");

        Assert.False(report.IsFinal);
        Assert.Equal("Task is still processing", report.Message);
    }

    private static string OlderShape(string first, string second) => $$"""
        {"code":200,"message":"success","data":[
          {"clip_id":"c0","state":"{{first}}","audio_url":"https://cdn.musicapi.ai/c0.m4a"},
          {"clip_id":"c1","state":"{{second}}","audio_url":"https://cdn.musicapi.ai/c1.m4a"}
        ]}
        """;

    private static ProviderTaskReport Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ProviderTaskReader.ReadPoll(document.RootElement);
    }
}
