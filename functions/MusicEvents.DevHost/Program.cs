using MusicEvents.Core.Hosting;
using MusicEvents.DevHost;

return ConfiguredHost.Run(() => DevHostApp.Create(args));
