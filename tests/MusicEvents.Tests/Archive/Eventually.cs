namespace MusicEvents.Tests.Archive;

/// <summary>
/// Waits for a condition that work on other threads makes true. The limit only stops a test that
/// would otherwise hang: nothing is measured, and on a fast machine it passes as soon as it can.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Never happened: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>The task's result, or a failure naming what did not end (instead of a test that hangs).</summary>
    public static async Task<T> EndsAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Never ended: {what}");
            throw;
        }
    }
}
