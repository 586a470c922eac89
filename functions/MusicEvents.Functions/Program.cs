using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MusicEvents.Core.Hosting;

return ConfiguredHost.Run(() =>
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.Services.AddMusicEvents(builder.Configuration);
    return builder.Build();
});
