using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MusicEvents.Cli;

/// <summary>MusicEvents' HTTP routes (docs/openapi.json), with the function key where one is given.</summary>
internal sealed class MusicEventsClient : IDisposable
{
    private readonly HttpClient http;

    public MusicEventsClient(Target target)
    {
        http = new HttpClient { BaseAddress = target.RequireDevHost(), Timeout = TimeSpan.FromSeconds(30) };
        if (target.FunctionKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add("x-functions-key", key);
        }
    }

    public Uri BaseAddress => http.BaseAddress!;

    public Task<Answer> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(() => http.PostAsJsonAsync(path, body, cancellationToken));

    public Task<Answer> PostAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => http.PostAsync(path, null, cancellationToken));

    public Task<Answer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => http.GetAsync(path, cancellationToken));

    public void Dispose() => http.Dispose();

    private async Task<Answer> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException exception)
        {
            throw new CliException($"MusicEvents does not answer at {http.BaseAddress}: {exception.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonElement? json = null;
            if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true)
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new CliException("MusicEvents refused the function key (pass --function-key or set MUSICEVENTS_FUNCTION_KEY).");
            }

            return new Answer(response.StatusCode, json);
        }
    }

    /// <summary>An answer's status and JSON body (null when it had none).</summary>
    public sealed record Answer(HttpStatusCode Status, JsonElement? Json)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;

        /// <summary>A problem answer in one line: its title, detail and field errors.</summary>
        public string Problem()
        {
            if (Json is not { ValueKind: JsonValueKind.Object } body)
            {
                return $"HTTP {(int)Status}";
            }

            var parts = new List<string> { $"HTTP {(int)Status}" };
            if (body.TryGetProperty("title", out var title))
            {
                parts.Add(title.GetString() ?? "");
            }

            if (body.TryGetProperty("detail", out var detail))
            {
                parts.Add(detail.GetString() ?? "");
            }

            if (body.TryGetProperty("errors", out var errors))
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString()))}"));
            }

            return string.Join(" | ", parts.Where(p => p.Length > 0));
        }
    }
}
