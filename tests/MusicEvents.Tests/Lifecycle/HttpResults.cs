using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MusicEvents.Tests.Lifecycle;

internal static class HttpResults
{
    /// <summary>The status code an <see cref="IResult"/> writes, as the host would send it.</summary>
    public static async Task<int> StatusCodeAsync(this IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var services = new ServiceCollection().AddLogging().AddSingleton(NullLoggerFactory.Instance).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }
}
