using MusicEvents.Sandbox;

SandboxApp.Create(args).Run();
