using System.Text.Json.Serialization;

namespace MusicEvents.Contracts;

/// <summary>What a task was asked to do. On the wire as its name (<c>"operation": "Extend"</c>); a number is still read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrackOperation>))]
public enum TrackOperation
{
    /// <summary>Only when MusicAPI reported on a task whose request we have no record of.</summary>
    Unknown,

    /// <summary>An <see cref="ExtendTrackCommand"/>.</summary>
    Extend,

    /// <summary>A <see cref="ReplaceSectionCommand"/>.</summary>
    ReplaceSection,
}
