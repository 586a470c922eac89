using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusicEvents.Core.Messaging;

/// <summary>
/// How messages look on the wire. Enums travel as their names (<c>"reason": "TimedOut"</c>), which
/// any language can read and which survive a reordering of members; numbers are still read on
/// input, for publishers written before this and for messages already queued.
/// </summary>
public static class BusJson
{
    /// <summary>Applied to MassTransit's shared System.Text.Json options, which serve the envelope and the raw JSON serializer alike.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: true));
        }

        return options;
    }
}
