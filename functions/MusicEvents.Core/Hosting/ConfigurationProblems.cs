using Microsoft.Extensions.Options;

namespace MusicEvents.Core.Hosting;

/// <summary>The problems, one a line and each naming its key, that an exception at start-up stands for.</summary>
public static class ConfigurationProblems
{
    /// <returns>Nothing when <paramref name="exception"/> is not about configuration (a bug keeps its stack trace).</returns>
    public static IReadOnlyList<string> Of(Exception exception) => exception switch
    {
        ConfigurationRefusedException refused => refused.Problems,
        OptionsValidationException invalid => invalid.Failures.ToList(),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => Of(e).Count > 0) =>
            [.. aggregate.InnerExceptions.SelectMany(Of)],

        // The binder's own words name the key: "Failed to convert configuration value at 'MusicApi:CreateTimeout' …".
        InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } conversion
            when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [conversion.Message],
        _ => [],
    };
}
