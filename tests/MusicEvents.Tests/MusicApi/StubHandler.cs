namespace MusicEvents.Tests.MusicApi;

/// <summary>Answers each request with the next of the given answers, and counts what was sent.</summary>
internal sealed class StubHandler(params StubHandler.Answer[] answers) : HttpMessageHandler
{
    public delegate Task<HttpResponseMessage> Answer(HttpRequestMessage request, CancellationToken cancellationToken);

    private int sent;

    public int Sent => Volatile.Read(ref sent);

    public static Answer Status(
        int status, string body = "{}", Action<HttpResponseMessage>? configure = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(body) };
            configure?.Invoke(response);
            return Task.FromResult(response);
        };

    public static Answer Throws(Exception exception) =>
        (_, _) => Task.FromException<HttpResponseMessage>(exception);

    /// <summary>Never answers: the request went out and nothing came back.</summary>
    public static Answer Silent() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref sent) - 1;
        return answers[Math.Min(index, answers.Length - 1)](request, cancellationToken);
    }
}
