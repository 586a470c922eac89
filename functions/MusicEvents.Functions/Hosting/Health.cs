using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Hosting;

namespace MusicEvents.Functions.Hosting;

/// <summary>Anonymous, so that Azure's health check and a load balancer can probe it without a key.</summary>
public sealed class Health(ServiceHealthHttpHandler handler)
{
    [Function(nameof(Health))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ReportAsync(cancellationToken);
}
