using System.Text.Json;

namespace MusicEvents.Sandbox;

/// <summary>MusicAPI speaks snake_case; webhook bodies and HTTP answers share one setting.</summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        return options;
    }
}
