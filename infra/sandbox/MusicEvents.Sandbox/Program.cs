using Microsoft.Extensions.Options;
using MusicEvents.Sandbox;

if (SandboxUsage.IsRequested(args))
{
    Console.WriteLine(SandboxUsage.Text);
    return 0;
}

// A refused configuration is one line per problem, each naming its key, and exit code 1 (as
// MusicEvents' own hosts do; the sandbox stands in for MusicAPI and shares no code with them).
var app = SandboxApp.Create(args);
try
{
    app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (OptionsValidationException refused)
{
    foreach (var failure in refused.Failures)
    {
        Console.Error.WriteLine($"Configuration refused: {failure}");
    }

    return 1;
}

app.Run();
return 0;
