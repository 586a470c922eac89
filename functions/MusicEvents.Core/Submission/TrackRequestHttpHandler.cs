using System.Diagnostics;
using System.Text.Json;
using FluentValidation;
using MassTransit;
using Microsoft.AspNetCore.Http;
using MusicEvents.Contracts;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Submission;

/// <summary>
/// <c>POST /api/tracks/extend</c> and <c>/replace-section</c>: validate, reserve the correlation id
/// for this request (refusing one another request holds), and put the same command on the bus as
/// any other service would; its consumer records the task, so the status route may trail the 202
/// by that one hop.
/// </summary>
public sealed class TrackRequestHttpHandler(
    IValidator<ExtendTrackCommand> extendValidator,
    IValidator<ReplaceSectionCommand> replaceValidator,
    ITrackTaskStore store,
    IPublishEndpoint publish)
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
        FlowTrace.Tag(Activity.Current, described.CorrelationId);
        // Before the command exists anywhere, so two different requests sent together cannot both be accepted.
        if (await store.ReserveAsync(described.CorrelationId, described.Fingerprint, cancellationToken) != described.Fingerprint)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "This correlationId is already used by a different request.",
                detail: $"Task {described.CorrelationId} was requested with other values; use a new correlationId.");
        }

        // The same request again is published again: its first publish may have failed (the consumer takes it once).

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
