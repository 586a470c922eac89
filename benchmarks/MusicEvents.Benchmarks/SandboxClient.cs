using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MusicEvents.Benchmarks;

/// <summary>Asks the sandbox, as MusicAPI's client would, for a task whose audio has a chosen size.</summary>
public sealed class SandboxClient(BenchSettings settings, HttpClient http)
{
    /// <summary>
    /// A finished extend task of exactly <paramref name="mebibytes"/> MiB of audio (the sandbox's
    /// <c>mb&lt;N&gt;</c> token), created without a webhook so that nothing else happens to it.
    /// </summary>
    public async Task<SandboxAudio> CreateAudioAsync(int mebibytes)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Sandbox, "/api/v1/producer/create"))
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["task_type"] = "extend_music",
                ["clip_id"] = $"bench-archive+mb{mebibytes}",
                ["starts_at"] = 0,
                ["length"] = 1,
            }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SandboxApiKey);
        using var created = await http.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task_id").GetString()!;

        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Sandbox, $"/api/v1/producer/task/{taskId}"));
            poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SandboxApiKey);
            using var answer = await http.SendAsync(poll);
            answer.EnsureSuccessStatusCode();
            var task = await answer.Content.ReadFromJsonAsync<JsonElement>();
            if (task.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
                && data[0].TryGetProperty("audio_url", out var url) && url.GetString() is { } audioUrl)
            {
                return new SandboxAudio(taskId, data[0].GetProperty("clip_id").GetString()!, new Uri(audioUrl), mebibytes * 1_048_576L);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Sandbox task {taskId} did not finish.");
    }
}
