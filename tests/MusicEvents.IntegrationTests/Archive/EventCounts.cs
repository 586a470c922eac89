using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

public static class EventCounts
{
    /// <summary>Waits until <paramref name="count"/> events of type T arrived for the correlation id; returns them in order.</summary>
    public static async Task<List<T>> WaitForCountAsync<T>(this EventObserver events, Guid correlationId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = events.For(correlationId).OfType<T>().ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join(", ", events.For(correlationId).Select(e => e.GetType().Name));
                throw new TimeoutException($"{found.Count} of {count} {typeof(T).Name} for {correlationId}; seen: [{seen}]");
            }

            await Task.Delay(100);
        }
    }
}
