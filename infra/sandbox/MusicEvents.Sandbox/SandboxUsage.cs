namespace MusicEvents.Sandbox;

/// <summary>What <c>musicapi-sandbox --help</c> prints: how to start it, its settings and its fault knobs (README.md has them all).</summary>
public static class SandboxUsage
{
    public const string Text = """
        musicapi-sandbox: a stand-in for MusicAPI's Producer API, with fault injection.

        Usage:
          musicapi-sandbox [--urls http://127.0.0.1:5099] [--Sandbox:Key value ...]

        Settings (also as environment variables Sandbox__Key):
          --Sandbox:ApiKey <key>              bearer key of every /api/v1 call (sandbox-key)
          --Sandbox:CompletionDelay <d>       create -> finished + webhook (00:00:02)
          --Sandbox:InitialCredits <n>        12 per task, refunded on failure (1000)
          --Sandbox:PublicBaseUrl <url>       base of audio_url / image_url (the request's)
          --Sandbox:SampleRate <n>            mono 16-bit PCM WAV (8000)
          --Sandbox:FailAllTasks <bool>       every task fails (false)
          --Sandbox:WebhookRetries <n>        extra attempts after a failed delivery (0)
          --Sandbox:WebhookRetryDelay <d>     pause between them (00:00:01)
          --Sandbox:WebhookTimeout <d>        per delivery attempt (00:00:10)

        Fault knobs, per request: tokens in clip_id after '+', e.g. clip123+fail+dup
          fail  dup  drop  streaming  reorder  delay<N>  never  legacy
          429 500 502 503 (first call)   400 401 403credits 403moderation 410 504 (every call)
          hang<N>  slowaudio  cutaudio  cutonce  notaudio  chunked  clips2  mb<N>

        Endpoints: POST /api/v1/producer/create, GET /api/v1/producer/task/{id}, GET /api/v1/get-credits,
        GET /sandbox/calls and /sandbox/deliveries (what it received and sent), /sandbox/audio/... (the CDN).
        """;

    public static bool IsRequested(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h" or "-?");
}
