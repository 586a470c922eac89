using System.Text.Json;
using FluentValidation;
using MassTransit;
using Microsoft.AspNetCore.Http;
using MusicEvents.Contracts;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Submission;

/// <summary>
/// <c>POST /api/tracks/extend</c> and <c>/replace-section</c>: validate, record the task as Accepted
/// (once per correlation id) and put the same command on the bus as any other service would.
/// </summary>
public sealed class TrackRequestHttpHandler(
    IValidator<ExtendTrackCommand> extendValidator,
    IValidator<ReplaceSectionCommand> replaceValidator,
    TrackTaskStore store,
    IPublishEndpoint publish,
    TimeProvider time)
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public Task<IResult> AcceptExtendAsync(HttpRequest request, CancellationToken cancellationToken) =>
        AcceptAsync<ExtendTrackBody, ExtendTrackCommand>(request, extendValidator, TrackRequest.From, cancellationToken);

    public Task<IResult> AcceptReplaceSectionAsync(HttpRequest request, CancellationToken cancellationToken) =>
        AcceptAsync<ReplaceSectionBody, ReplaceSectionCommand>(request, replaceValidator, TrackRequest.From, cancellationToken);

    private async Task<IResult> AcceptAsync<TBody, TCommand>(
        HttpRequest request, IValidator<TCommand> validator, Func<TCommand, TrackRequest> describe, CancellationToken cancellationToken)
        where TBody : class, ITrackRequestBody<TCommand>
        where TCommand : class
    {
        var (body, json, problem) = await JsonBody.ReadAsync<TBody>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var command = body!.ToCommand(body.CorrelationId ?? Guid.NewGuid());
        var errors = await ErrorsAsync(body, command, validator, cancellationToken);
        foreach (var field in UnknownFields.Of<TCommand>(json))
        {
            // Refused rather than dropped: a typo such as "lenght" must not become a charged task without it.
            errors[field] = [UnknownFields.Message<TCommand>(field)];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The request is invalid.");
        }

        var described = describe(command);
        var task = TrackTask.Accept(described.CorrelationId, described.Operation, described.Fingerprint, time.GetUtcNow());
        if (!await store.TryAddAsync(task, cancellationToken))
        {
            var existing = await store.FindAsync(described.CorrelationId, cancellationToken);
            if (existing is not null && existing.RequestFingerprint != described.Fingerprint)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "This correlationId is already used by a different request.",
                    detail: $"Task {described.CorrelationId} was requested with other values; use a new correlationId.");
            }

            if (existing is { State: not TrackTaskState.Accepted } or { SubmissionStartedAt: not null })
            {
                return Accepted(described.CorrelationId);
            }
            // Still only accepted: the first publish may have failed, so publishing again is the safe side.
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            await publish.Publish(command, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The message broker is unreachable.",
                detail: "Nothing was submitted. Send the same request again, with the same correlationId.");
        }

        return Accepted(described.CorrelationId);
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync<TCommand>(
        ITrackRequestBody<TCommand> body, TCommand command, IValidator<TCommand> validator, CancellationToken cancellationToken)
    {
        var missing = body.MissingFields().ToHashSet();
        var validation = await validator.ValidateAsync(command, cancellationToken);
        return missing.Select(field => (Field: field, Message: $"'{field}' is required."))
            .Concat(validation.Errors.Where(e => !missing.Contains(e.PropertyName)).Select(e => (Field: e.PropertyName, Message: e.ErrorMessage)))
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.Field), e => e.Message)
            .ToDictionary(g => g.Key, g => g.ToArray());
    }

    private static IResult Accepted(Guid correlationId)
    {
        var statusUrl = $"/api/tracks/{correlationId:D}";
        return Results.Accepted(statusUrl, new { correlationId, statusUrl });
    }
}
