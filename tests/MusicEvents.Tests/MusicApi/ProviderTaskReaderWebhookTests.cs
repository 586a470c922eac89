using System.Text.Json;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.MusicApi;

public sealed class ProviderTaskReaderWebhookTests
{
    private const string SuccessBody = """
        {"task_id":"4b1c6c1e-1111-4f2a-9a51-7c0d5d0e2b9a","platform":"producer","event":"song.completed","code":200,"message":"success",
         "data":[
           {"clip_id":"clip-a","state":"succeeded","title":"Night Drive (ext)","audio_url":"https://cdn.musicapi.ai/clip-a.m4a",
            "wav_url":"https://cdn.musicapi.ai/clip-a.wav","image_url":"https://cdn.musicapi.ai/clip-a.jpg","duration":104.88},
           {"clip_id":"clip-b","state":"succeeded","audio_url":"https://cdn.musicapi.ai/clip-b.m4a","duration":"95.5"}
         ]}
        """;

    private const string FailureBody = """
        {"task_id":"4b1c6c1e-1111-4f2a-9a51-7c0d5d0e2b9a","platform":"producer","event":"song.failed","type":"failed",
         "message":"Generation failed: upstream error","refund_processed":true}
        """;

    [Fact]
    public void Success_delivery_is_succeeded_with_its_clips()
    {
        var report = Read(SuccessBody, "song.completed");

        Assert.Equal(ProviderTaskStatus.Succeeded, report.Status);
        Assert.True(report.IsFinal);
        Assert.Equal("4b1c6c1e-1111-4f2a-9a51-7c0d5d0e2b9a", report.TaskId);
        Assert.Collection(
            report.Clips,
            a =>
            {
                Assert.Equal("clip-a", a.ClipId);
                Assert.Equal("https://cdn.musicapi.ai/clip-a.m4a", a.AudioUrl);
                Assert.Equal("https://cdn.musicapi.ai/clip-a.wav", a.WavUrl);
                Assert.Equal("https://cdn.musicapi.ai/clip-a.jpg", a.ImageUrl);
                Assert.Equal("Night Drive (ext)", a.Title);
            },
            b => Assert.Equal("clip-b", b.ClipId));
    }

    [Theory]
    [InlineData("104.88")]
    [InlineData("\"104.88\"")]
    public void Duration_is_read_as_number_or_as_string(string duration)
    {
        var body = $$"""{"task_id":"t","data":[{"clip_id":"c","audio_url":"https://cdn.musicapi.ai/c.m4a","duration":{{duration}}}]}""";

        var clip = Assert.Single(Read(body, "song.completed").Clips);

        Assert.Equal(104.88, clip.DurationSeconds);
    }

    [Fact]
    public void Data_as_a_single_object_is_read_as_one_clip()
    {
        const string body = """{"task_id":"t","event":"song.completed","data":{"clip_id":"c","audio_url":"https://cdn.musicapi.ai/c.m4a"}}""";

        var clip = Assert.Single(Read(body, null).Clips);

        Assert.Equal("c", clip.ClipId);
    }

    [Fact]
    public void Task_id_only_inside_data_is_found()
    {
        const string body = """{"event":"song.completed","data":{"task_id":"inner-task","clip_id":"c","audio_url":"https://cdn.musicapi.ai/c.m4a"}}""";

        Assert.Equal("inner-task", Read(body, null).TaskId);
    }

    [Fact]
    public void Failure_delivery_is_failed_with_its_message_and_refund()
    {
        var report = Read(FailureBody, "song.failed");

        Assert.Equal(ProviderTaskStatus.Failed, report.Status);
        Assert.True(report.IsFinal);
        Assert.Equal("Generation failed: upstream error", report.Message);
        Assert.True(report.CreditsRefunded);
        Assert.Empty(report.Clips);
    }

    [Fact]
    public void Failure_without_an_event_header_is_classified_by_the_body()
    {
        Assert.Equal(ProviderTaskStatus.Failed, Read(FailureBody, null).Status);
    }

    [Fact]
    public void Streaming_header_is_streaming_and_not_final()
    {
        var report = Read(SuccessBody, "song.streaming");

        Assert.Equal(ProviderTaskStatus.Streaming, report.Status);
        Assert.False(report.IsFinal);
        Assert.Empty(report.Clips);
    }

    [Fact]
    public void Event_header_wins_over_the_body_event()
    {
        Assert.Equal(ProviderTaskStatus.Failed, Read(SuccessBody, "song.failed").Status);
        Assert.Equal(ProviderTaskStatus.Succeeded, Read(FailureBody, "song.completed").Status);
    }

    [Fact]
    public void Clips_without_an_audio_url_are_dropped()
    {
        const string body = """
            {"task_id":"t","data":[
              {"clip_id":"kept","audio_url":"https://cdn.musicapi.ai/kept.m4a"},
              {"clip_id":"no-audio","title":"still rendering"},
              {"clip_id":"blank-audio","audio_url":""}
            ]}
            """;

        var clip = Assert.Single(Read(body, "song.completed").Clips);

        Assert.Equal("kept", clip.ClipId);
    }

    private static ProviderTaskReport Read(string json, string? eventHeader)
    {
        using var document = JsonDocument.Parse(json);
        return ProviderTaskReader.ReadWebhook(document.RootElement, eventHeader);
    }
}
