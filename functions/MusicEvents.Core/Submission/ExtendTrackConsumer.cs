using FluentValidation;
using MassTransit;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Submission;

public sealed class ExtendTrackConsumer(IValidator<ExtendTrackCommand> validator, TrackSubmitter submitter) : IConsumer<ExtendTrackCommand>
{
    public async Task Consume(ConsumeContext<ExtendTrackCommand> context)
    {
        var validation = await validator.ValidateAsync(context.Message, context.CancellationToken);
        await submitter.SubmitAsync(TrackRequest.From(context.Message), validation, context, context.CancellationToken);
    }
}
