using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;
using MusicEvents.Sandbox;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// A sandbox task of the test's own, created on the sandbox's API without a webhook, so that only
/// the TrackCompleted the test publishes (or the archiver it drives) ever touches its audio.
/// </summary>
public sealed record SandboxAudio(string TaskId, IReadOnlyList<SandboxClip> Clips)
{
    public SandboxClip Clip => Assert.Single(Clips);

    /// <param name="faults">Sandbox tokens after the clip id, e.g. "mb6+slowaudio".</param>
    public static async Task<SandboxAudio> CreateAsync(MusicEventsHosts hosts, string faults)
    {
        using var http = new HttpClient { BaseAddress = hosts.SandboxUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MusicEventsHosts.SandboxApiKey);
        var response = await http.PostAsJsonAsync(
            "/api/v1/producer/create",
            new Dictionary<string, object> { ["task_type"] = "extend_music", ["clip_id"] = $"clip-{Guid.NewGuid():N}+{faults}", ["starts_at"] = 0, ["length"] = 1 });
        response.EnsureSuccessStatusCode();
        var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task_id").GetString()!;

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (hosts.Sandbox.FindTask(taskId) is { Status: SandboxTaskStatus.Success } task)
            {
                return new SandboxAudio(taskId, task.Clips);
            }

            Assert.True(DateTime.UtcNow < deadline, $"Sandbox task {taskId} did not succeed");
            await Task.Delay(100);
        }
    }

    /// <summary>What the webhook receiver would publish for this task, under a correlation id of the test's choosing.</summary>
    public TrackCompleted Completed(Guid correlationId) =>
        new(correlationId, TaskId, TrackOperation.Extend, [.. Clips.Select(c => new CompletedClip(c.ClipId, c.AudioUrl))], DateTimeOffset.UtcNow);
}
