using FluentValidation;
using MassTransit;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Core.Submission;

public sealed class ReplaceSectionConsumer(IValidator<ReplaceSectionCommand> validator, TrackSubmitter submitter) : IConsumer<ReplaceSectionCommand>
{
    public async Task Consume(ConsumeContext<ReplaceSectionCommand> context)
    {
        var validation = await validator.ValidateAsync(context.Message, context.CancellationToken);
        var events = await submitter.SubmitAsync(TrackRequest.From(context.Message), validation, context.CancellationToken);
        await context.PublishEventsAsync(events);
    }
}
