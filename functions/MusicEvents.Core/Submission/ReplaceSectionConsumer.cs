using FluentValidation;
using MassTransit;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Core.Submission;

public sealed class ReplaceSectionConsumer(IValidator<ReplaceSectionCommand> validator, TrackSubmitter submitter) : IConsumer<ReplaceSectionCommand>
{
    public async Task Consume(ConsumeContext<ReplaceSectionCommand> context)
    {
        // A plain JSON command with a field the contract lacks (a typo) is refused, not submitted without it.
        var validation = UnknownFields.AddTo<ReplaceSectionCommand>(
            await validator.ValidateAsync(context.Message, context.CancellationToken), UnknownFields.Of(context));
        var events = await submitter.SubmitAsync(TrackRequest.From(context.Message), validation, context.CancellationToken);
        await context.PublishEventsAsync(events);
    }
}
