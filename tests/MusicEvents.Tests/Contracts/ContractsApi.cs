using MusicEvents.Contracts;
using PublicApiGenerator;

namespace MusicEvents.Tests.Contracts;

/// <summary>The contracts assembly's public API as text, and where two versions of it first differ.</summary>
public static class ContractsApi
{
    public static string Generate() =>
        typeof(TrackStored).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings() + Environment.NewLine;

    public static string FirstDifference(string approved, string actual)
    {
        var before = approved.Split(Environment.NewLine);
        var after = actual.Split(Environment.NewLine);
        for (var i = 0; i < Math.Max(before.Length, after.Length); i++)
        {
            var was = i < before.Length ? before[i] : "(nothing)";
            var now = i < after.Length ? after[i] : "(nothing)";
            if (was != now)
            {
                return $"line {i + 1}: approved '{was.Trim()}', now '{now.Trim()}'";
            }
        }

        return "no difference";
    }
}
