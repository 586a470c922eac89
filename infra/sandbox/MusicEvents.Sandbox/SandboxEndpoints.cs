namespace MusicEvents.Sandbox;

/// <summary>The routes: MusicAPI's under /api/v1 (bearer key), the sandbox's own under /sandbox (open).</summary>
internal static class SandboxEndpoints
{
    // A 1×1 PNG: clips carry an image_url, and a link that answers is kinder than a 404.
    private static readonly byte[] Cover = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static WebApplication MapSandbox(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<BearerKeyFilter>();
        api.MapPost("/producer/create", CreateTaskEndpoint.HandleAsync);
        api.MapGet("/producer/task/{task_id}", (string task_id, SandboxState state) => TaskEndpoint.Get(task_id, state));
        api.MapGet("/producer/task", (SandboxState state) => TaskEndpoint.Get(null, state));
        api.MapGet("/get-credits", (SandboxState state) => Results.Json(new CreditsAnswer(state.Credits, 0)));

        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapGet("/audio/{taskId}/{clipId}.wav", AudioEndpoint.HandleAsync);
        sandbox.MapGet(
            "/image/{taskId}/{clipId}.png",
            (string taskId, string clipId, SandboxState state) =>
                state.FindTask(taskId)?.Clips.Any(c => c.ClipId == clipId) == true ? Results.Bytes(Cover, "image/png") : Results.NotFound());
        sandbox.MapGet("/redirect", RedirectEndpoint.Handle);
        sandbox.MapGet("/calls", (SandboxState state) => Results.Json(state.Calls));
        sandbox.MapGet("/deliveries", (SandboxState state) => Results.Json(state.Deliveries));
        sandbox.MapGet("/open-tasks", (SandboxState state) => Results.Json(new { open = state.OpenTasks.Open, peak = state.OpenTasks.Peak }));
        return app;
    }
}
