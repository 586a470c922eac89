namespace MusicEvents.Benchmarks;

/// <summary>
/// docs/benchmarks.md: the prose around the figures is written by hand; each run replaces only what
/// lies between the two markers, so the method and the findings stay beside the latest figures.
/// </summary>
public static class BenchDocument
{
    public const string Begin = "<!-- bench:results:begin (written by ./dev bench) -->";
    public const string End = "<!-- bench:results:end -->";

    public static void Write(string path, string results)
    {
        var block = $"{Begin}\n{results.TrimEnd()}\n{End}";
        var existing = File.Exists(path) ? File.ReadAllText(path) : null;
        var begin = existing?.IndexOf(Begin, StringComparison.Ordinal) ?? -1;
        var end = existing?.IndexOf(End, StringComparison.Ordinal) ?? -1;
        var text = existing is not null && begin >= 0 && end > begin
            ? existing[..begin] + block + existing[(end + End.Length)..]
            : $"# Benchmarks\n\n{block}\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }
}
