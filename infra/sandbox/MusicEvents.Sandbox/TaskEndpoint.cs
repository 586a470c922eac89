namespace MusicEvents.Sandbox;

/// <summary>GET /api/v1/producer/task/{task_id}, answered as musicapi.md describes.</summary>
internal static class TaskEndpoint
{
    public static IResult Get(string? taskId, SandboxState state)
    {
        if (string.IsNullOrWhiteSpace(taskId))
        {
            return ApiError.BadRequest("missing task id.").ToResult();
        }

        if (state.FindTask(taskId) is not { } task)
        {
            return ApiError.BadRequest("task not found.").ToResult();
        }

        if (task.Faults.LegacyPoll)
        {
            return LegacyTaskAnswer.For(task);
        }

        var status = task.Status;
        var message = status switch
        {
            SandboxTaskStatus.Success => "success",
            SandboxTaskStatus.Failed => task.FailureMessage ?? "failed",
            _ => status.ToString().ToLowerInvariant(),
        };
        var clips = status == SandboxTaskStatus.Success ? task.Clips : [];
        return Results.Json(new TaskAnswer(StatusCodes.Status200OK, task.StatusText, message, clips));
    }
}
