using System.Text.RegularExpressions;

namespace MusicEvents.Tests.Interop;

/// <summary>The guide shows the examples the integration tests run, not a copy that drifts from them.</summary>
public sealed partial class InteropGuideTests
{
    [Fact]
    public void Every_Python_block_of_the_guide_is_an_excerpt_of_a_tested_example()
    {
        var guide = File.ReadAllText(RepositoryFile.Path("docs", "interop.md"));
        var examples = Directory.GetFiles(RepositoryFile.Path("examples", "python"), "*.py").Select(File.ReadAllText).ToList();

        var blocks = PythonBlock().Matches(guide).Select(m => m.Groups["code"].Value).ToList();

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.True(examples.Any(e => e.Contains(block, StringComparison.Ordinal)), $"Not in examples/python: {block}"));
    }

    [GeneratedRegex("```python\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();
}
