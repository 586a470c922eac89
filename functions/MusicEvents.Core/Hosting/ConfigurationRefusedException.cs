namespace MusicEvents.Core.Hosting;

/// <summary>
/// A setting the host cannot start with, found while services are registered (before options
/// validation can run). Each problem names its key; none carries a value, which may be a secret.
/// </summary>
public sealed class ConfigurationRefusedException : Exception
{
    public ConfigurationRefusedException()
        : this([])
    {
    }

    public ConfigurationRefusedException(string problem)
        : this([problem])
    {
    }

    public ConfigurationRefusedException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public ConfigurationRefusedException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }
}
