using MusicEvents.Sandbox;

if (SandboxUsage.IsRequested(args))
{
    Console.WriteLine(SandboxUsage.Text);
    return;
}

SandboxApp.Create(args).Run();
