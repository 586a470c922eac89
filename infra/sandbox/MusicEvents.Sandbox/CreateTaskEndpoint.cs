using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>POST /api/v1/producer/create: faults, validation, charge, then the task's clock starts.</summary>
internal static class CreateTaskEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        SandboxState state,
        CompletionScheduler scheduler,
        TimeProvider time,
        IOptions<SandboxOptions> options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(CreateTaskEndpoint).FullName!);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Answer(context, state, time, default, new ApiError(StatusCodes.Status400BadRequest, "malformed JSON body."), null);
        }

        using (document)
        {
            var body = document.RootElement;
            var clipId = JsonFields.Peek(body, "clip_id");
            if (clipId is not null
                && FaultSet.Parse(clipId).TransientStatus is { } transient
                && state.TakeTransientFault(clipId))
            {
                // Only 429 and 503 carry Retry-After, as a rate limiter or an overloaded gateway would.
                if (transient is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
                {
                    context.Response.Headers.RetryAfter = FaultSet.Parse(clipId).RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Answer(context, state, time, body, new ApiError(transient, "Sandbox fault injection: transient error, try again."), null);
            }

            if (clipId is not null && FaultSet.Parse(clipId).PermanentError is { } permanent)
            {
                return Answer(context, state, time, body, permanent, null);
            }

            var error = CreateRequestParser.Parse(body, out var request, out var webhookSecret);
            if (error is null && !state.TryCharge(SandboxState.TaskCost))
            {
                error = new ApiError(
                    StatusCodes.Status403Forbidden,
                    $"Insufficient credits: this task needs {SandboxState.TaskCost}, the balance is {state.Credits}.");
            }

            if (error is not null)
            {
                return Answer(context, state, time, body, error, null);
            }

            var task = new SandboxTask(
                Guid.NewGuid().ToString(),
                request!,
                webhookSecret,
                CorrelationIdOf(request!.WebhookUrl),
                BaseUrl(context.Request, options.Value),
                AudioSamples(request!, state.SampleRate),
                state.SampleRate,
                time.GetUtcNow());
            state.Add(task);
            scheduler.Schedule(task);
            logger.LogInformation(
                "Accepted {TaskType} task {TaskId} for correlation {CorrelationId}", request.TaskType, task.Id, task.CorrelationId);
            if (task.Faults.Unknown.Count > 0)
            {
                logger.LogWarning("Ignored unknown fault tokens {Tokens} of task {TaskId}", task.Faults.Unknown, task.Id);
            }

            if (task.Faults.HangSeconds > 0)
            {
                // Accepted and charged, but the answer is late: the caller cannot know it was charged.
                await Task.Delay(TimeSpan.FromSeconds(task.Faults.HangSeconds), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return Answer(context, state, time, body, null, task.Id);
        }
    }

    private static IResult Answer(HttpContext context, SandboxState state, TimeProvider time, JsonElement body, ApiError? error, string? taskId)
    {
        state.Record(new CreateCall(
            time.GetUtcNow(),
            JsonFields.Peek(body, "task_type"),
            JsonFields.Peek(body, "clip_id"),
            CorrelationIdOf(JsonFields.Peek(body, "webhook_url")),
            error?.Code ?? StatusCodes.Status200OK,
            taskId,
            context.Request.ContentLength));
        return error?.ToResult() ?? Results.Json(new CreateTaskAccepted("success", taskId!));
    }

    private static long AudioSamples(TaskRequest request, int sampleRate)
    {
        var mebibytes = FaultSet.Parse(request.ClipId).AudioMebibytes;
        return mebibytes is { } size
            ? ToneWav.SamplesForMebibytes(size)
            : ToneWav.SamplesForSeconds(request.OutputSeconds, sampleRate);
    }

    private static string BaseUrl(HttpRequest request, SandboxOptions options) =>
        (options.PublicBaseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/');

    private static string? CorrelationIdOf(string? webhookUrl)
    {
        if (webhookUrl is null || !Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var cid = QueryHelpers.ParseQuery(uri.Query).GetValueOrDefault("cid").ToString();
        return string.IsNullOrEmpty(cid) ? null : cid;
    }
}
