using MassTransit;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>
/// A publish filter that throws on the first publish of <typeparamref name="T"/>, as a broker that
/// went away between a consumer's write and its publish would; every later publish goes through.
/// </summary>
internal sealed class FailFirstPublish<T> : IFilter<PublishContext>
    where T : class
{
    private int failed;

    public bool HasFailed => Volatile.Read(ref failed) == 1;

    public Task Send(PublishContext context, IPipe<PublishContext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (context is PublishContext<T> && Interlocked.Exchange(ref failed, 1) == 0)
        {
            throw new IOException($"The broker is unreachable (first publish of {typeof(T).Name}, failed on purpose)");
        }

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("failFirstPublish");
}
