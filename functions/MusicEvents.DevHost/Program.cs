using MusicEvents.DevHost;

DevHostApp.Create(args).Run();
