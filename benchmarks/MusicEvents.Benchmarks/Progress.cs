namespace MusicEvents.Benchmarks;

/// <summary>Progress lines on stderr, so that stdout carries only the report.</summary>
public static class Progress
{
    public static void Line(string text) => Console.Error.WriteLine($"[bench] {DateTime.Now:HH:mm:ss} {text}");
}
