namespace MusicEvents.Core.Archive;

/// <summary>An audio URL, address or answer that a rule forbids; never worth another attempt.</summary>
public sealed class AudioSourceRefusedException(string rule) : Exception(rule);
