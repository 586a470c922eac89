using System.Text.Json;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission;

namespace MusicEvents.Tests.MusicApi;

public sealed class CreateTaskRequestTests
{
    private const string Secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static readonly CreateTaskRequest Request = new()
    {
        TaskType = "replace_music",
        ClipId = "clip-1",
        StartsAt = 30,
        EndsAt = 45.5,
        WebhookUrl = "https://events.example.com/api/webhooks/musicapi?cid=9b2f7c1a-0d3e-4c55-8a61-2f4b9e0c7d12",
        WebhookSecret = Secret,
    };

    [Fact]
    public void Text_form_never_shows_the_webhook_secret()
    {
        Assert.DoesNotContain(Secret, Request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_form_of_the_track_request_holding_it_never_shows_the_secret()
    {
        var holder = new TrackRequest(Guid.NewGuid(), MusicEvents.Contracts.TrackOperation.ReplaceSection, "fingerprint", Request);

        Assert.DoesNotContain(Secret, holder.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialized_body_uses_snake_case_keys_and_omits_nulls()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Request, MusicApiClient.Json));

        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(new[] { "clip_id", "ends_at", "starts_at", "task_type", "webhook_secret", "webhook_url" }, keys);
    }

    [Fact]
    public void Serialized_body_carries_the_values()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Request, MusicApiClient.Json));
        var root = json.RootElement;

        Assert.Equal("replace_music", root.GetProperty("task_type").GetString());
        Assert.Equal("clip-1", root.GetProperty("clip_id").GetString());
        Assert.Equal(30, root.GetProperty("starts_at").GetDouble());
        Assert.Equal(45.5, root.GetProperty("ends_at").GetDouble());
        Assert.Equal(Request.WebhookUrl, root.GetProperty("webhook_url").GetString());
        Assert.Equal(Secret, root.GetProperty("webhook_secret").GetString());
    }

    [Fact]
    public void Serialized_extend_body_carries_length_instruction_lyrics_and_sound()
    {
        var extend = TrackRequest.From(new MusicEvents.Contracts.ExtendTrackCommand(Guid.NewGuid(), "clip-1", 12.5, 60, "Add an outro", "la", "lofi")).Body;

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(extend, MusicApiClient.Json));

        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "clip_id", "instruction", "length", "lyrics", "sound", "starts_at", "task_type" }, keys);
        Assert.Equal("extend_music", json.RootElement.GetProperty("task_type").GetString());
        Assert.Equal(60, json.RootElement.GetProperty("length").GetDouble());
    }
}
