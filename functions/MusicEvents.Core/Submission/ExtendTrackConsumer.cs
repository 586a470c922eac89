using FluentValidation;
using MassTransit;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Core.Submission;

public sealed class ExtendTrackConsumer(IValidator<ExtendTrackCommand> validator, TrackSubmitter submitter) : IConsumer<ExtendTrackCommand>
{
    public async Task Consume(ConsumeContext<ExtendTrackCommand> context)
    {
        var validation = await validator.ValidateAsync(context.Message, context.CancellationToken);
        var events = await submitter.SubmitAsync(TrackRequest.From(context.Message), validation, context.CancellationToken);
        await context.PublishEventsAsync(events);
    }
}
